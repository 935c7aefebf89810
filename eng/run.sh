#!/usr/bin/env bash
# The run command: installs what is missing, starts Azurite on loopback (data kept in .azurite/),
# and serves Researcher's local host on http://127.0.0.1:7071 with offline defaults (no keys).
# Extra arguments go to `researcher serve` (for example --urls http://127.0.0.1:8080).
#
# Stopping (Ctrl+C, or SIGTERM to this script) never loses state: the host is stopped first, by one
# SIGTERM, and waited for; only then does the Azurite this script started get one SIGTERM (it saves
# .azurite/ as it closes), waited for up to 30 s. Azurite runs in a session of its own, so the
# SIGINT a terminal sends to its whole foreground process group never reaches it.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

require_tools
install_azurite
choose_signalr_build

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

AZURITE_PID=""
HOST_PID=""
HOST_STOPPING=false

# One SIGTERM to the Azurite this script started, then a wait for it to exit (at most 30 s).
stop_azurite() {
  [[ -n "$AZURITE_PID" ]] || return 0
  local pid=$AZURITE_PID timer
  AZURITE_PID=""
  kill -TERM "$pid" 2>/dev/null || return 0
  log "stopping Azurite"
  sleep 30 &
  timer=$!
  # Whichever ends first; a signal meanwhile interrupts `wait`, and the loop waits on.
  while kill -0 "$pid" 2>/dev/null && kill -0 "$timer" 2>/dev/null; do
    wait -n "$pid" "$timer" 2>/dev/null || true
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "Azurite has not exited after 30 s; it goes on closing in the background (pid $pid)"
  else
    kill "$timer" 2>/dev/null || true
    log "Azurite stopped"
  fi
}
trap stop_azurite EXIT

# Forwards the first stop request to the host, once; later ones only wait with it.
stop_host() {
  if ! $HOST_STOPPING; then
    HOST_STOPPING=true
    log "stopping the host"
    kill -TERM "$HOST_PID" 2>/dev/null || true
  fi
}

if port_open 10000 && port_open 10002; then
  log "using the Azurite already listening on 127.0.0.1:10000-10002"
else
  mkdir -p .azurite
  log "starting Azurite (data in .azurite/, log in .azurite/azurite.log)"
  # A session of its own: the terminal's SIGINT never reaches it. Run as a script (no job control),
  # the background child is no group leader, so setsid does not fork and $! is Azurite itself.
  setsid node_modules/.bin/azurite --skipApiVersionCheck --disableTelemetry --location .azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/azurite.log 2>&1 </dev/null &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    port_open 10000 && port_open 10002 && break
    kill -0 "$AZURITE_PID" 2>/dev/null || { cat .azurite/azurite.log >&2; log "Azurite did not start"; exit 1; }
    sleep 0.2
  done
fi

dotnet build functions/Researcher.LocalHost -c Release --nologo -v:q

# The host runs as a child (not exec'd) so that this script outlives it and stops Azurite after it.
# Started with & in a script, it ignores SIGINT: a Ctrl+C reaches it as the one SIGTERM stop_host sends.
dotnet functions/Researcher.LocalHost/bin/Release/net10.0/researcher.dll serve "$@" &
HOST_PID=$!
trap stop_host INT TERM HUP
HOST_STATUS=0
while kill -0 "$HOST_PID" 2>/dev/null; do
  HOST_STATUS=0
  wait "$HOST_PID" || HOST_STATUS=$?
done
exit "$HOST_STATUS"
