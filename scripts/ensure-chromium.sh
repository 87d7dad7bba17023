#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when it is missing and we can (root + apt-get);
# otherwise stop with a clear message instead of letting the tests fail obscurely.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $chromium_path is missing; installing Debian's chromium package..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  [ -x "$chromium_path" ] && exit 0
fi
cat >&2 <<MSG
ensure-chromium: the browser tests need Chromium at $chromium_path, and it could not be installed here.
  Install it:   sudo apt-get install -y --no-install-recommends chromium
  or point to another build:   CHROMIUM_PATH=/path/to/chromium npm test
MSG
exit 1
