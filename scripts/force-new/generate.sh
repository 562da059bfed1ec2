#!/usr/bin/env bash
# Regenerates src/review/replacement-table.ts (see README.md here).
#   scripts/force-new/generate.sh [stack ...]     default: the prod and dev cloud stacks of every reference set
# Env: KUBERNETES_PROVIDER_SRC, HELM_PROVIDER_SRC  git clones of the providers (checks every citation);
#      FORCE_NEW_WORK  work dir (default: a new one under /tmp).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ORACLE="$ROOT/../shared/tools/terraform-aws-replace-oracle.sh"
WORK="${FORCE_NEW_WORK:-$(mktemp -d /tmp/force-new.XXXXXX)}"
if [ "$#" -gt 0 ]; then STACKS=("$@"); else
  STACKS=(mlops-platform-prod-cloud mlops-platform-dev-cloud gpu-training-prod-cloud llm-rag-prod-cloud)
fi
mkdir -p "$WORK"
cd "$ROOT"
npm run build >/dev/null
CDKTF_OUTDIR="$WORK/synth" node dist/stacks/main.js >/dev/null
rm -rf "$WORK/tree" && mkdir -p "$WORK/tree/stacks"
for s in "${STACKS[@]}"; do cp -r "$WORK/synth/stacks/$s" "$WORK/tree/stacks/"; done
# base = head: the oracle leaves, per stack, the provider-planned state of the config in <work>/<stack>/run
bash "$ORACLE" "$WORK/tree" "$WORK/tree" "$WORK/oracle" | tail -n 1
node scripts/force-new/scan-aws.mjs "$WORK/oracle" scripts/force-new/aws-facts.json
node scripts/force-new/generate.mjs ${KUBERNETES_PROVIDER_SRC:+--kubernetes-src "$KUBERNETES_PROVIDER_SRC"} ${HELM_PROVIDER_SRC:+--helm-src "$HELM_PROVIDER_SRC"}
