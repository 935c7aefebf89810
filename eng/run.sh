#!/usr/bin/env bash
# The run command: installs what is missing, starts Azurite on loopback (data kept in .azurite/),
# and serves Researcher's local host on http://127.0.0.1:7071 with offline defaults (no keys).
# Extra arguments go to `researcher serve` (for example --urls http://127.0.0.1:8080).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

require_tools
install_azurite

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if port_open 10000 && port_open 10002; then
  log "using the Azurite already listening on 127.0.0.1:10000-10002"
else
  mkdir -p .azurite
  log "starting Azurite (data in .azurite/, log in .azurite/azurite.log)"
  node_modules/.bin/azurite --skipApiVersionCheck --disableTelemetry --location .azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/azurite.log 2>&1 &
  AZURITE_PID=$!
  trap 'kill "$AZURITE_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    port_open 10000 && port_open 10002 && break
    kill -0 "$AZURITE_PID" 2>/dev/null || { cat .azurite/azurite.log >&2; log "Azurite did not start"; exit 1; }
    sleep 0.2
  done
fi

dotnet build functions/Researcher.LocalHost -c Release --nologo -v:q
dotnet functions/Researcher.LocalHost/bin/Release/net10.0/researcher.dll serve "$@"
