#!/usr/bin/env bash
# Installs Debian's PostgreSQL, Redis, nginx and openssl for the production topology (make run-prod), if missing.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
"$(dirname "$0")/apt_install.sh" "production topology" --no-install-recommends -- "${missing[@]}"
