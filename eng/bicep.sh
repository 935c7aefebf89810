#!/usr/bin/env bash
# Builds and lints every Bicep file under infra/ with the Bicep CLI from NuGet (eng/Bicep.targets:
# Azure.Bicep.CommandLine.<os>-<arch>, version BicepCliVersion in Directory.Packages.props). Fails on
# any diagnostic, a warning included (Bicep itself exits 0 on warnings). The ARM templates go to
# artifacts/bicep/. Called by eng/test.sh; runs alone too: bash eng/bicep.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$REPO_ROOT"

command -v dotnet >/dev/null || { log "the .NET 10 SDK is required (dotnet not found)"; exit 1; }

project="$REPO_ROOT/eng/bicep/BicepCli.csproj"
restore_log="$(mktemp)"
if ! dotnet restore "$project" --nologo -v:q >"$restore_log" 2>&1; then
  cat "$restore_log" >&2
  log "bicep: restoring the Bicep CLI package failed (eng/bicep/BicepCli.csproj)"
  rm -f "$restore_log"
  exit 1
fi
rm -f "$restore_log"
bicep="$(dotnet msbuild "$project" -nologo -getProperty:BicepPath)"
if [[ -z "$bicep" || ! -f "$bicep" ]]; then
  log "bicep: the CLI was not found after restore (BicepPath='$bicep')"
  exit 1
fi
[[ -x "$bicep" ]] || chmod u+x "$bicep"

mapfile -t files < <(find infra -name '*.bicep' -type f | sort)
if [[ ${#files[@]} -eq 0 ]]; then
  log "bicep: no .bicep files under infra/"
  exit 1
fi

out="$REPO_ROOT/artifacts/bicep"
rm -rf "$out"
mkdir -p "$out"
status=0
diagnostics="$out/diagnostics.txt"
: >"$diagnostics"
# Each command prints nothing but diagnostics (to stderr); anything printed or a non-zero exit fails.
if ! "$bicep" build --no-restore --pattern 'infra/**/*.bicep' --outdir "$out" >>"$diagnostics" 2>&1; then status=1; fi
if ! "$bicep" lint --no-restore --pattern 'infra/**/*.bicep' >>"$diagnostics" 2>&1; then status=1; fi
if [[ -s "$diagnostics" ]]; then
  status=1
  cat "$diagnostics" >&2
fi
if [[ $status -ne 0 ]]; then
  log "bicep: build or lint reported problems in infra/ ($("$bicep" --version))"
  exit 1
fi
log "bicep: ${#files[@]} files built and linted, no warnings ($("$bicep" --version | head -1)); ARM templates in artifacts/bicep/"
