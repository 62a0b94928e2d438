#!/bin/sh
set -e
www=/tmp/www
mkdir -p "$www"
printf '%s' "$VERSION" > "$www/version"
printf 'hello from %s\n' "$VERSION" > "$www/index.html"
case "$MODE" in
  crash) echo "crashing on purpose" >&2; exit 1 ;;
  unhealthy) ;;
  *) echo ok > "$www/health" ;;
esac
if [ -n "$FAIL_AFTER" ]; then (sleep "$FAIL_AFTER"; rm -f "$www/health") & fi
httpd -f -p "${BIND:-127.0.0.1}:${PORT:-8080}" -h "$www" &
pid=$!
trap 'kill $pid; exit 0' TERM INT
wait $pid
