#!/usr/bin/env bash
# Full teardown of one reference stack set, its data included (README, "Deploy and destroy"):
#   npm run teardown -- <set>-<env> '<reason>'
# Lifts every protection of that set (ALLOW_DATA_DELETION=<reason>, recorded with the policy
# suppressions), applies it (deletion protection off, force_destroy on: Terraform reads both from
# the state at destroy time), then destroys the four stacks, workloads first and data last. cdktf
# shows each plan and asks before it applies: the deploy should change only those protections.
set -euo pipefail
set_name="${1:?usage: npm run teardown -- <set>-<env> '<reason: why its data may be deleted>'}"
reason="${2:?usage: npm run teardown -- <set>-<env> '<reason: why its data may be deleted>'}"
npm run build
export STACK_SETS="$set_name" ALLOW_DATA_DELETION="$reason"
npx cdktf deploy "$set_name-*"
npx cdktf destroy "$set_name-*"
