#!/usr/bin/env bash
# Real Terraform (validate + a plan with the real AWS provider) on every AWS-only stack of a cdktf.out,
# through the shared ../shared/tools/terraform-aws-check.sh, unchanged. What this wrapper adds:
#   - the cloud stacks read the data stacks' outputs through terraform_remote_state, which the shared
#     tool cannot fake: before calling it, this writes a stand-in state (outputs only, values derived
#     from each output's expression: scripts/terraform-aws-check/standins.js) for every stack such a
#     data source reads, at the path it reads (prepare.js; an s3 remote state is read from a local file);
#   - it runs the tool as JOBS parallel jobs over disjoint halves of the stacks, and sums their
#     last lines into one: "terraform: S aws-only stacks, V validate failures, P plan failures, K skipped".
# Everything goes under one work root: a new temp dir, removed on exit, or the given [workdir] (kept,
# for the logs; it must be empty or a previous run's, which is replaced).
#   scripts/terraform-aws-check.sh <cdktf.out> [workdir]          (npm run check:terraform synthesizes first)
# Exit 0 all valid and planned, or skipped (one "terraform-aws-check: skipped (...)" line: no terraform,
# no provider mirror or no shared tool); 1 a failure.
# Env: TERRAFORM_AWS_CHECK_JOBS (default 2), TERRAFORM_AWS_CHECK_TOOL (default ../shared/tools/
#      terraform-aws-check.sh next to the repository), TF_PROVIDER_MIRROR (default /opt/tf-plugins).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
OUT="${1:?usage: terraform-aws-check.sh <cdktf.out> [workdir]}"
TOOL="${TERRAFORM_AWS_CHECK_TOOL:-$REPO/../shared/tools/terraform-aws-check.sh}"
MIRROR="${TF_PROVIDER_MIRROR:-/opt/tf-plugins}"
JOBS="${TERRAFORM_AWS_CHECK_JOBS:-2}"
MARK=.terraform-aws-check

skip() { echo "terraform-aws-check: skipped ($1)"; exit 0; }
fail() { echo "terraform-aws-check: $1"; exit 1; }
command -v terraform >/dev/null || skip "no terraform binary on PATH"
[ -d "$MIRROR/registry.terraform.io/hashicorp/aws" ] || skip "no AWS provider mirror at $MIRROR"
[ -f "$TOOL" ] || skip "no shared tool at $TOOL"
[[ "$JOBS" =~ ^[1-9][0-9]*$ ]] || fail "TERRAFORM_AWS_CHECK_JOBS must be a positive integer, not '$JOBS'"
[ -d "$OUT/stacks" ] || fail "no stacks in $OUT (run npm run synth first)"
OUT="$(cd "$OUT" && pwd)"  # the shared tool needs an absolute path (with a relative one it checks 0 stacks)

if [ -n "${2:-}" ]; then
  ROOT="$2"
  mkdir -p "$ROOT" && ROOT="$(cd "$ROOT" && pwd)"
  if [ -n "$(ls -A "$ROOT")" ]; then
    [ -f "$ROOT/$MARK" ] || fail "$ROOT is not empty and not a previous terraform-aws-check workdir"
    find "$ROOT" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
  fi
else
  ROOT="$(mktemp -d "${TMPDIR:-/tmp}/terraform-aws-check.XXXXXX")"
  trap 'rm -rf "$ROOT"' EXIT
fi
touch "$ROOT/$MARK"
pids=()
# interrupted: stop the jobs (a terraform they started ends its current step on its own)
trap '[ "${#pids[@]}" -gt 0 ] && kill "${pids[@]}" 2>/dev/null; exit 130' INT TERM

node "$HERE/terraform-aws-check/prepare.js" "$OUT" "$ROOT" "$JOBS" || exit 1
echo "terraform-aws-check: $(wc -l <"$ROOT/jobs") jobs running (a few minutes); each job's output follows when it ends"
k=0
while read -r synth workdir; do
  TF_PROVIDER_MIRROR="$MIRROR" bash "$TOOL" "$synth" "$workdir" >"$ROOT/job-$k.log" 2>&1 &
  pids+=("$!") k=$((k + 1))
done <"$ROOT/jobs"
S=0 V=0 P=0 K=0 rc=0
for k in "${!pids[@]}"; do
  wait "${pids[$k]}" || rc=1
  # each job's output but its last line; the version line once
  if [ "$k" -eq 0 ]; then sed '$d' "$ROOT/job-$k.log"; else sed -e '1d' -e '$d' "$ROOT/job-$k.log"; fi
  last="$(tail -n 1 "$ROOT/job-$k.log")"
  if [[ "$last" =~ ^terraform:\ ([0-9]+)\ aws-only\ stacks,\ ([0-9]+)\ validate\ failures,\ ([0-9]+)\ plan\ failures,\ ([0-9]+)\ skipped ]]; then
    S=$((S + BASH_REMATCH[1])) V=$((V + BASH_REMATCH[2])) P=$((P + BASH_REMATCH[3])) K=$((K + BASH_REMATCH[4]))
  else
    echo "$last"; echo "terraform-aws-check: job $k ended without the tool's summary line"; rc=1
  fi
done
echo "terraform: $S aws-only stacks, $V validate failures, $P plan failures, $K skipped (k8s/helm)"
[ "$rc" -eq 0 ] && [ $((V + P)) -eq 0 ]
