#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the widget's browser tests, if they are missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
"$(dirname "$0")/apt_install.sh" "browser tests" -- chromium chromium-driver
/usr/bin/chromium --version
