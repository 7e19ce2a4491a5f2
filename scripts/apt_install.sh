#!/usr/bin/env bash
# Installs Debian packages as root (or through sudo), quietly: apt_install.sh "<what they are for>" [apt flags] -- pkg...
set -euo pipefail
purpose="$1"; shift
flags=()
while [ "$1" != "--" ]; do flags+=("$1"); shift; done
shift
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "The $purpose need Debian's $*. Install as root: apt-get install $*" >&2
    exit 1
  fi
fi
echo "Installing $* from Debian ($purpose)..."
$SUDO apt-get update -q >/dev/null
# RUNLEVEL=1 asks the packages' init scripts not to start their services: the project starts its own.
DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $SUDO apt-get install -y -q "${flags[@]}" "$@" >/dev/null
