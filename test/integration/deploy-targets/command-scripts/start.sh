#!/usr/bin/env bash
# start: (re)starts $SLIPWAY_COLOR with $SLIPWAY_IMAGE; the tag is the app's version.
. "$(dirname "$0")/lib.sh"
if alive "$SLIPWAY_COLOR"; then kill "$(cat "$STATE_DIR/$SLIPWAY_COLOR.pid")"; sleep 0.2; fi
port=$(port_of "$SLIPWAY_COLOR")
nohup node "$(dirname "$0")/app.mjs" "$port" "${SLIPWAY_IMAGE##*:}" >/dev/null 2>&1 &
echo $! > "$STATE_DIR/$SLIPWAY_COLOR.pid"
printf '%s' "$SLIPWAY_IMAGE" > "$STATE_DIR/$SLIPWAY_COLOR.image"
printf '%s' "$SLIPWAY_CONFIG_DIGEST" > "$STATE_DIR/$SLIPWAY_COLOR.digest"
echo "started $SLIPWAY_APP $SLIPWAY_COLOR ($SLIPWAY_IMAGE)"
echo "url=http://127.0.0.1:$port"
