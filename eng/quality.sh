#!/usr/bin/env bash
# The research-quality benchmark: runs the offline engine over a question set and prints how well
# it finds, cites and states the expected answers (tests/Researcher.Quality). Not part of
# eng/test.sh. Extra arguments go to the runner: --questions FILE, --docs DIR, --out FILE, and
# --report-type TYPE (with deep: --breadth N --depth N) for the kind of research each question gets.
# Without --questions it uses the Python 3.11 documentation set, which needs the Debian package
# python3.11-doc (installed here when missing and running as root).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PYTHON_DOCS=/usr/share/doc/python3.11/html

# The Python documentation is needed for the default set, or when the python-docs set is named.
needs_python_docs() {
  local arg named_set=false
  for arg in "$@"; do
    case $arg in
      *python-docs-questions.json) return 0 ;;
      --questions | --questions=*) named_set=true ;;
    esac
  done
  [[ $named_set == false ]]
}

ensure_python_docs() {
  [[ -d $PYTHON_DOCS ]] && return
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    log "the Python 3.11 documentation ($PYTHON_DOCS) is missing: install it with 'sudo apt-get install python3.11-doc', or pass --questions for another question set"
    exit 1
  fi
  log "installing the Python 3.11 documentation (Debian package python3.11-doc)"
  apt-get update -qq && apt-get install -y -qq python3.11-doc >/dev/null
  [[ -d $PYTHON_DOCS ]] || { log "python3.11-doc is installed but $PYTHON_DOCS is missing (does dpkg exclude /usr/share/doc?)"; exit 1; }
}

require_tools
choose_signalr_build
if needs_python_docs "$@"; then ensure_python_docs; fi

dotnet build "$REPO_ROOT/tests/Researcher.Quality" -c Release --nologo -v:q
dotnet "$REPO_ROOT/tests/Researcher.Quality/bin/Release/net10.0/Researcher.Quality.dll" "$@"
