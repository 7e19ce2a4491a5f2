#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 needs 3.8-3.10; the pins in constraints.txt are for 3.10).
set -u

ok() {  # ok CMD -> succeeds if CMD is Python 3.10
  "$@" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1
}

if [ -n "${PYTHON:-}" ]; then
  if ok "$PYTHON"; then command -v "$PYTHON" || echo "$PYTHON"; exit 0; fi
  echo "PYTHON=$PYTHON is not a Python 3.10 interpreter, which this project needs (Rasa 3.6 does not run on 3.11+)." >&2
  exit 1
fi

if command -v python3.10 >/dev/null 2>&1 && ok python3.10; then command -v python3.10; exit 0; fi

if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10\.[0-9]+$' | sort -t. -k3,3nr); do
    if ok "$root/versions/$v/bin/python"; then echo "$root/versions/$v/bin/python"; exit 0; fi
  done
fi

if command -v python3 >/dev/null 2>&1 && ok python3; then command -v python3; exit 0; fi

cat >&2 <<'MSG'
No Python 3.10 interpreter was found. Rasa 3.6 does not run on 3.11 or later, and this
project's pinned dependencies are for 3.10. Install it, then run the command again:
  - pyenv:          pyenv install 3.10.13
  - Debian/Ubuntu:  apt-get install python3.10 python3.10-venv   (where your release has it)
Or point at one you already have:  make run PYTHON=/path/to/python3.10
MSG
exit 1
