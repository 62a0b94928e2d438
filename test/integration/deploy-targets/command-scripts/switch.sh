#!/usr/bin/env bash
# switch: ready the new color in HAProxy first, then put the previous one in maintenance.
. "$(dirname "$0")/lib.sh"
out=$(haproxy_cmd "set server app/$SLIPWAY_COLOR state ready")
[ -z "$(echo "$out" | tr -d '[:space:]')" ] || { echo "haproxy: $out" >&2; exit 1; }
if [ -n "$SLIPWAY_PREVIOUS_COLOR" ] && [ "$SLIPWAY_PREVIOUS_COLOR" != "$SLIPWAY_COLOR" ]; then
  haproxy_cmd "set server app/$SLIPWAY_PREVIOUS_COLOR state maint" >/dev/null
else
  other=$([ "$SLIPWAY_COLOR" = blue ] && echo green || echo blue)
  haproxy_cmd "set server app/$other state maint" >/dev/null
fi
echo "switched to $SLIPWAY_COLOR"
