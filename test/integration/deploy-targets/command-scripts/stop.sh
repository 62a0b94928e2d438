#!/usr/bin/env bash
# stop: stops the color's process; its image stays recorded so it can be restarted.
. "$(dirname "$0")/lib.sh"
if alive "$SLIPWAY_COLOR"; then kill "$(cat "$STATE_DIR/$SLIPWAY_COLOR.pid")"; fi
rm -f "$STATE_DIR/$SLIPWAY_COLOR.pid"
