#!/usr/bin/env bash
# The research-quality benchmark: runs the offline engine over a question set and prints how well
# it finds, cites and states the expected answers (tests/Researcher.Quality). Not part of
# eng/test.sh. Extra arguments go to the runner: --questions FILE, --docs DIR, --split
# tuning|heldout|all, --out FILE, --label TEXT, --check (no research: the expected sources and facts
# are checked against the documents), and --report-type TYPE (with deep: --breadth N --depth N) for
# the kind of research each question gets.
# Without --questions it uses the Python 3.11 documentation set, which needs the Debian package
# python3.11-doc; the PostgreSQL set (postgresql-docs-questions.json) needs postgresql-doc-15. Either
# package is installed here when its set is run, its folder is missing and this runs as root.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PYTHON_DOCS=/usr/share/doc/python3.11/html
POSTGRESQL_DOCS=/usr/share/doc/postgresql-doc-15/html

# names_set FILE ARGS...: whether an argument names the question set FILE (a path ending with it).
names_set() {
  local file=$1 arg
  shift
  for arg in "$@"; do [[ $arg == *"$file" ]] && return 0; done
  return 1
}

# Whether the arguments name no question set at all (the default set is run).
default_set() {
  local arg
  for arg in "$@"; do [[ $arg == --questions || $arg == --questions=* ]] && return 1; done
  return 0
}

# ensure_docs FOLDER PACKAGE DESCRIPTION: installs the Debian package that holds FOLDER when it is missing.
ensure_docs() {
  local folder=$1 package=$2 description=$3
  [[ -d $folder ]] && return
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    log "$description ($folder) is missing: install it with 'sudo apt-get install $package', or pass --questions for another question set"
    exit 1
  fi
  log "installing $description (Debian package $package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  [[ -d $folder ]] || { log "$package is installed but $folder is missing (does dpkg exclude /usr/share/doc?)"; exit 1; }
}

require_tools
choose_signalr_build
if default_set "$@" || names_set python-docs-questions.json "$@"; then ensure_docs "$PYTHON_DOCS" python3.11-doc "the Python 3.11 documentation"; fi
if names_set postgresql-docs-questions.json "$@"; then ensure_docs "$POSTGRESQL_DOCS" postgresql-doc-15 "the PostgreSQL 15 manual"; fi

dotnet build "$REPO_ROOT/tests/Researcher.Quality" -c Release --nologo -v:q
dotnet "$REPO_ROOT/tests/Researcher.Quality/bin/Release/net10.0/Researcher.Quality.dll" "$@"
