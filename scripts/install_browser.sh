#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the widget's browser tests, if they are missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "The browser tests need Debian's chromium. Install it as root: apt-get install chromium chromium-driver" >&2
    exit 1
  fi
fi
echo "Installing chromium and chromium-driver from Debian (browser tests)..."
$SUDO apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium chromium-driver >/dev/null
/usr/bin/chromium --version
