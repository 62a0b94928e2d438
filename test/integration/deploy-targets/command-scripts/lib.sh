# Shared by the command-target scripts. Needs STATE_DIR, HAPROXY_ADMIN_PORT, PORT_BLUE, PORT_GREEN.
set -eu
port_of() { if [ "$1" = blue ]; then echo "$PORT_BLUE"; else echo "$PORT_GREEN"; fi; }
# Sends one command to the HAProxy runtime API (TCP admin socket) and prints the answer.
haproxy_cmd() {
  exec 3<>"/dev/tcp/127.0.0.1/$HAPROXY_ADMIN_PORT"
  printf '%s\n' "$1" >&3
  cat <&3
  exec 3<&-
}
alive() { [ -f "$STATE_DIR/$1.pid" ] && kill -0 "$(cat "$STATE_DIR/$1.pid")" 2>/dev/null; }
