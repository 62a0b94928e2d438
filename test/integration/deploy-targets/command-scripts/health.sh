#!/usr/bin/env bash
# health: process-level health only (the engine does the HTTP checks): 0 running, 1 gone.
. "$(dirname "$0")/lib.sh"
alive "$SLIPWAY_COLOR" || { echo "$SLIPWAY_COLOR is not running"; exit 1; }
