#!/usr/bin/env bash
# Sets up (Debian packages, restore, build) and runs every test; the last line is "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
results="$(pwd)/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test Linguacodus.Tests --no-build -v quiet -nologo --logger "trx;LogFileName=tests.trx" \
  --logger "console;verbosity=normal" --results-directory "$results" || status=$?
counters=$(grep -o '<Counters [^>]*>' "$results/tests.trx" 2>/dev/null || true)
passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
echo "${passed:-0} passed, ${failed:-0} failed"
if [[ -z "$counters" ]]; then exit 1; fi
exit $status
