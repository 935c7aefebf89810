#!/usr/bin/env bash
# Shared by eng/run.sh and eng/test.sh: installs what a fresh Debian machine lacks and decides
# how the Azure Functions app is built. Source it; do not run it.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '[researcher] %s\n' "$*" >&2; }

require_tools() {
  command -v dotnet >/dev/null || { log "the .NET 10 SDK is required (dotnet not found)"; exit 1; }
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    log "installing Node.js and npm (Debian packages)"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  fi
}

# Azurite (the Azure Storage emulator) from the pinned npm lock file.
install_azurite() {
  if [[ ! -x "$REPO_ROOT/node_modules/.bin/azurite" || "$REPO_ROOT/package-lock.json" -nt "$REPO_ROOT/node_modules/.package-lock.json" ]]; then
    log "installing Azurite (npm ci)"
    (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
