#!/usr/bin/env bash
# The browser tests drive Debian's Chromium, the TURN tests start Debian's coturn, and the store and
# cluster tests start Debian's PostgreSQL, Redis and HAProxy. Install what is missing when we can
# (root + apt-get); otherwise stop with a clear message instead of letting the tests fail obscurely.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium_path" ] || missing+=(chromium)
[ -x /usr/bin/turnserver ] || missing+=(coturn)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
[ -x /usr/sbin/haproxy ] || missing+=(haproxy)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-tools: installing Debian's ${missing[*]}..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ -x "$chromium_path" ] && [ -x /usr/bin/turnserver ] && [ -x /usr/lib/postgresql/15/bin/postgres ] &&
    [ -x /usr/bin/redis-server ] && [ -x /usr/sbin/haproxy ] && exit 0
fi
cat >&2 <<MSG
ensure-test-tools: the tests need ${missing[*]} and could not install it here.
  Install:   sudo apt-get install -y --no-install-recommends ${missing[*]}
  (Chromium may live elsewhere: CHROMIUM_PATH=/path/to/chromium npm test)
MSG
exit 1
