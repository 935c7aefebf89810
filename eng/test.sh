#!/usr/bin/env bash
# The test command: builds and lints the Bicep templates (eng/bicep.sh, a gate: any warning fails the
# run before the tests), builds everything and runs every test, then prints
# "N passed, N failed, N skipped" computed from the test results.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

require_tools
install_azurite
choose_signalr_build
install_chromium
bash "$REPO_ROOT/eng/bicep.sh"

RESULTS="$REPO_ROOT/artifacts/test-results"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
# The document indexes the tests build (one per test corpus; Research:Index:Path defaults to the user's
# local application data, which .NET takes from XDG_DATA_HOME) stay in artifacts/, not in the home folder.
export XDG_DATA_HOME="$REPO_ROOT/artifacts/test-data"
rm -rf "$XDG_DATA_HOME"

dotnet build Researcher.sln -c Release --nologo -v:q
set +e
dotnet test Researcher.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$RESULTS" "$@"
test_exit=$?
set -e

# Sum the counters of every TRX file: <Counters total=".." executed=".." passed=".." failed=".." notExecuted=".." ...>
read -r passed failed skipped < <(
  cat "$RESULTS"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    function attr(name,   m) { if (match($0, name "=\"[0-9]+\"")) { m = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", m); return m + 0 } return 0 }
    { p += attr("passed"); f += attr("failed") + attr("error") + attr("timeout") + attr("aborted"); s += attr("notExecuted") }
    END { printf "%d %d %d\n", p, f, s }')

echo "$passed passed, $failed failed, $skipped skipped"
if [[ $test_exit -ne 0 || $failed -ne 0 || $passed -eq 0 ]]; then
  exit 1
fi
