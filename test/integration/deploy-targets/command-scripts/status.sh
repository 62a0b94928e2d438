#!/usr/bin/env bash
# status: the live color as HAProxy sees it (the one server not in maintenance), and each color.
. "$(dirname "$0")/lib.sh"
# show servers state columns: be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state ...
live=$(haproxy_cmd "show servers state app" | awk '$2 == "app" && $7 % 2 == 0 { print $4 }' | head -n 1)
echo "live=$live"
for c in blue green; do
  if [ ! -f "$STATE_DIR/$c.image" ]; then echo "$c.state=missing"; continue; fi
  if alive "$c"; then echo "$c.state=running"; else echo "$c.state=stopped"; fi
  echo "$c.image=$(cat "$STATE_DIR/$c.image")"
  echo "$c.config-digest=$(cat "$STATE_DIR/$c.digest")"
  echo "$c.url=http://127.0.0.1:$(port_of $c)"
done
