#!/usr/bin/env bash
# Shared by the eng/ scripts: installs what a fresh Debian machine lacks and decides
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

# Chromium (Debian package) for the browser end-to-end tests; Playwright drives /usr/bin/chromium
# and never downloads a browser of its own.
install_chromium() {
  if [[ ! -x /usr/bin/chromium ]]; then
    log "installing Chromium for the browser tests (apt-get install chromium)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
}

# The Azure Functions app builds against the real SignalR Service worker extension where the configured
# NuGet feeds serve it, and against the compile-only stand-in (eng/SignalRServiceStandIn) where they do not
# (this build mirror lacks it). Decided once per run, by restoring a throwaway project that references the
# exact version; the result is exported as ResearcherSignalRStandIn, which MSBuild reads as a property.
# A ResearcherSignalRStandIn already set (true or false) skips the probe.
SIGNALR_PACKAGE=Microsoft.Azure.Functions.Worker.Extensions.SignalRService
SIGNALR_VERSION=2.0.1
choose_signalr_build() {
  if [[ -n "${ResearcherSignalRStandIn:-}" ]]; then
    log "SignalR Service extension: ResearcherSignalRStandIn=$ResearcherSignalRStandIn was given"
    export ResearcherSignalRStandIn
    return
  fi
  local probe config
  probe="$(mktemp -d)"
  cat >"$probe/probe.csproj" <<PROBE
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="$SIGNALR_PACKAGE" Version="[$SIGNALR_VERSION]" /></ItemGroup>
</Project>
PROBE
  config=()
  for name in NuGet.config nuget.config NuGet.Config; do
    [[ -f "$REPO_ROOT/$name" ]] && { config=(--configfile "$REPO_ROOT/$name"); break; }
  done
  if dotnet restore "$probe/probe.csproj" "${config[@]}" --nologo -v:q >"$probe/restore.log" 2>&1; then
    export ResearcherSignalRStandIn=false
    log "SignalR Service extension: the real $SIGNALR_PACKAGE $SIGNALR_VERSION restores"
  else
    export ResearcherSignalRStandIn=true
    log "SignalR Service extension: $SIGNALR_PACKAGE $SIGNALR_VERSION does not restore from the configured feeds ($(grep -o 'NU1[0-9]*' "$probe/restore.log" | sort -u | tr '\n' ' ' | sed 's/ $//')); building against the compile-only stand-in (never deployable)"
  fi
  rm -rf "$probe"
}
