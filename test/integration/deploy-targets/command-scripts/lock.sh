#!/bin/sh
# Reference `lock` command for the command target: the deploy lock is a file on the host the
# other commands act on, and every read-compare-write happens under flock (util-linux), so of
# two deploys racing for it exactly one wins. Protocol: src/deploy/targets/command.ts
# (CommandLockStore). Over SSH, run it on the host with the variables passed along, e.g.
#   lock: ssh -o SendEnv='SLIPWAY_*' deploy@host sh /opt/slipway/lock.sh
# (the host's sshd_config then needs `AcceptEnv SLIPWAY_*`).
# SLIPWAY_LOCK_FILE: where the lock lives (default /var/lib/slipway/<app>-<environment>.lock).
set -eu
file=${SLIPWAY_LOCK_FILE:-/var/lib/slipway/$SLIPWAY_APP-$SLIPWAY_ENVIRONMENT.lock}
mkdir -p "$(dirname "$file")"
exec 9>"$file.guard"
flock -w 30 9 || { echo "could not get $file.guard within 30 s" >&2; exit 1; }

store() {
  printf '%s' "$SLIPWAY_LOCK" >"$file.tmp"
  mv "$file.tmp" "$file"
}
same() { [ -f "$file" ] && [ "$(cat "$file")" = "${SLIPWAY_LOCK_EXPECT:-}" ]; }

case "$SLIPWAY_ACTION" in
  lock-read)
    [ -f "$file" ] || exit 4
    printf 'lock=%s\n' "$(cat "$file")"
    ;;
  lock-create)
    [ -f "$file" ] && exit 3
    store
    ;;
  lock-replace)
    same || exit 3
    store
    ;;
  lock-remove)
    [ -f "$file" ] || exit 4
    same || exit 3
    rm -f "$file"
    ;;
  *)
    echo "lock.sh: unknown SLIPWAY_ACTION '$SLIPWAY_ACTION'" >&2
    exit 2
    ;;
esac
