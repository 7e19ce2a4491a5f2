#!/usr/bin/env bash
# Print the path of a Python 3.8-3.10 interpreter for Rasa 3.6, or explain how to get one.
set -u

ok() {  # ok CMD -> succeeds if CMD is Python 3.8, 3.9 or 3.10
  "$@" -c 'import sys; sys.exit(0 if (3, 8) <= sys.version_info[:2] <= (3, 10) else 1)' >/dev/null 2>&1
}

if [ -n "${PYTHON:-}" ]; then
  if ok "$PYTHON"; then command -v "$PYTHON" || echo "$PYTHON"; exit 0; fi
  echo "PYTHON=$PYTHON is not a Python 3.8-3.10 interpreter; Rasa 3.6 needs one." >&2
  exit 1
fi

for cand in python3.10 python3.9 python3.8; do
  if command -v "$cand" >/dev/null 2>&1 && ok "$cand"; then command -v "$cand"; exit 0; fi
done

if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.(10|9|8)\.[0-9]+$' | sort -t. -k2,2nr -k3,3nr); do
    if ok "$root/versions/$v/bin/python"; then echo "$root/versions/$v/bin/python"; exit 0; fi
  done
fi

if command -v python3 >/dev/null 2>&1 && ok python3; then command -v python3; exit 0; fi

cat >&2 <<'MSG'
No Python 3.8-3.10 interpreter was found. Rasa 3.6 does not run on 3.11 or later.
Install one, then run the command again:
  - Debian/Ubuntu:  apt-get install python3.10 python3.10-venv   (where your release has it)
  - pyenv:          pyenv install 3.10.13
Or point at one you already have:  make run PYTHON=/path/to/python3.10
MSG
exit 1
