#!/usr/bin/env bash
# Local services for Slipway's integration tests, benchmarks and demo.
#
#   scripts/services.sh up       install what is missing, start what is not running, prove it works
#   scripts/services.sh status   print what runs (exit 1 when something is down)
#   scripts/services.sh down     stop only what `up` started
#
# What `up` provides:
#   - Debian packages: docker.io, docker-registry, haproxy, nginx, wrk, busybox-static, curl,
#     jq, kubernetes-client, openssl, openssh-server and openssh-client
#   - dockerd (--bridge=none --iptables=false: host networking only) on /var/run/docker.sock
#   - a distribution registry on 127.0.0.1:5000, deletes enabled, filesystem storage in the state dir
#   - a local base image slipway/busybox:latest (FROM scratch + busybox-static), the base of the
#     fixture app, so everything builds without pulling any image
#   - a smoke test: BuildKit build of a scratch image, push to the registry, remove locally, pull back
#
# BuildKit: Debian's dockerd 20.10 embeds BuildKit. When `docker buildx` is not installed, builds go
# through a docker client older than 23 with DOCKER_BUILDKIT=1 (Debian's /usr/bin/docker); newer
# clients refuse BuildKit without buildx. The client used is written to $STATE_DIR/env as
# SLIPWAY_BUILDKIT_DOCKER (and `docker buildx` is preferred whenever it works).
#
# Environment: SLIPWAY_SERVICES_DIR (state dir, default /tmp/slipway-services),
#              SLIPWAY_REGISTRY_PORT (default 5000).
set -euo pipefail

STATE_DIR="${SLIPWAY_SERVICES_DIR:-/tmp/slipway-services}"
REGISTRY_PORT="${SLIPWAY_REGISTRY_PORT:-5000}"
REGISTRY="127.0.0.1:${REGISTRY_PORT}"
BASE_IMAGE="slipway/busybox:latest"
STARTED_FILE="$STATE_DIR/started"
export DEBIAN_FRONTEND=noninteractive

log() { printf 'services: %s\n' "$*" >&2; }
die() {
  printf 'services: FAILED: %s\n' "$*" >&2
  exit 1
}

mkdir -p "$STATE_DIR"

# ---------------------------------------------------------------------------------------------
# packages
# ---------------------------------------------------------------------------------------------
APT_UPDATED=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then die "package(s) $* missing and not root: install them with apt-get"; fi
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    apt-get update -qq >"$STATE_DIR/apt.log" 2>&1 || die "apt-get update failed (see $STATE_DIR/apt.log)"
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  apt-get install -y -qq --no-install-recommends "$@" >>"$STATE_DIR/apt.log" 2>&1 ||
    die "apt-get install $* failed (see $STATE_DIR/apt.log)"
}

ensure_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  [ -x /usr/bin/docker-registry ] || missing+=(docker-registry)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v wrk >/dev/null || missing+=(wrk)
  dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
  command -v curl >/dev/null || missing+=(curl)
  # Tools the test suite runs for real: jq (the workflows' shell steps), kubectl (the kubernetes
  # target against the API fake), openssl (deploy-credentials' heredoc delimiters).
  command -v jq >/dev/null || missing+=(jq)
  command -v kubectl >/dev/null || missing+=(kubernetes-client)
  command -v openssl >/dev/null || missing+=(openssl)
  # sshd: the docker target's SSH tunnel to an ssh:// Docker host is tested against a real sshd.
  [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
  command -v ssh >/dev/null || missing+=(openssh-client)
  if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
  haproxy -v >/dev/null 2>&1 || die "haproxy is installed but 'haproxy -v' does not answer"
  /usr/sbin/nginx -v >/dev/null 2>&1 || die "nginx is installed but 'nginx -v' does not answer"
  wrk --version >/dev/null 2>&1 || [ $? = 1 ] || die "wrk does not run"
}

# ---------------------------------------------------------------------------------------------
# bookkeeping of what this script started (only those are stopped by `down`)
# ---------------------------------------------------------------------------------------------
mark_started() { grep -qx "$1" "$STARTED_FILE" 2>/dev/null || echo "$1" >>"$STARTED_FILE"; }
was_started() { grep -qx "$1" "$STARTED_FILE" 2>/dev/null; }
unmark_started() {
  [ -f "$STARTED_FILE" ] || return 0
  grep -vx "$1" "$STARTED_FILE" >"$STARTED_FILE.tmp" || true
  mv "$STARTED_FILE.tmp" "$STARTED_FILE"
}
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
# dockerd
# ---------------------------------------------------------------------------------------------
docker_ok() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

ensure_dockerd() {
  if docker_ok; then
    return 0
  fi
  if pid_alive "$STATE_DIR/dockerd.pid"; then
    log "dockerd (pid $(cat "$STATE_DIR/dockerd.pid")) is running but not answering yet; waiting"
  else
    log "starting dockerd"
    # setsid: the daemon must outlive the shell (and the test process) that started it;
    # 9>&-: it must not inherit the lock
    setsid nohup dockerd --bridge=none --iptables=false --ip6tables=false \
      --host unix:///var/run/docker.sock >"$STATE_DIR/dockerd.log" 2>&1 </dev/null 9>&- &
    echo $! >"$STATE_DIR/dockerd.pid"
    mark_started dockerd
  fi
  for _ in $(seq 1 60); do
    if docker_ok; then return 0; fi
    pid_alive "$STATE_DIR/dockerd.pid" || break
    sleep 0.5
  done
  tail -n 20 "$STATE_DIR/dockerd.log" >&2 || true
  die "dockerd did not start (log: $STATE_DIR/dockerd.log)"
}

# ---------------------------------------------------------------------------------------------
# registry
# ---------------------------------------------------------------------------------------------
registry_ok() { curl -fs -o /dev/null --max-time 2 "http://$REGISTRY/v2/"; }

# DELETE of an unknown manifest: 405 when deletes are disabled, 400/404 when enabled
registry_deletes_enabled() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X DELETE \
    "http://$REGISTRY/v2/slipway-probe/manifests/sha256:0000000000000000000000000000000000000000000000000000000000000000")
  [ "$code" != 405 ]
}

ensure_registry() {
  if ! registry_ok; then
    if pid_alive "$STATE_DIR/registry.pid"; then
      log "registry (pid $(cat "$STATE_DIR/registry.pid")) is running but not answering yet; waiting"
    else
      if (exec 3<>"/dev/tcp/127.0.0.1/$REGISTRY_PORT") 2>/dev/null; then
        die "port $REGISTRY_PORT is taken by something that is not a registry (GET /v2/ failed)"
      fi
      mkdir -p "$STATE_DIR/registry-data"
      cat >"$STATE_DIR/registry.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry-data
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $REGISTRY
EOF
      log "starting registry on $REGISTRY"
      setsid nohup /usr/bin/docker-registry serve "$STATE_DIR/registry.yml" \
        >"$STATE_DIR/registry.log" 2>&1 </dev/null 9>&- &
      echo $! >"$STATE_DIR/registry.pid"
      mark_started registry
    fi
    for _ in $(seq 1 40); do
      if registry_ok; then break; fi
      pid_alive "$STATE_DIR/registry.pid" || break
      sleep 0.25
    done
    registry_ok || {
      tail -n 20 "$STATE_DIR/registry.log" >&2 || true
      die "registry did not start on $REGISTRY (log: $STATE_DIR/registry.log)"
    }
  fi
  registry_deletes_enabled || die "the registry on $REGISTRY has deletes disabled (storage.delete.enabled: true is needed)"
}

# ---------------------------------------------------------------------------------------------
# BuildKit client and smoke test
# ---------------------------------------------------------------------------------------------
# Prints the docker client that builds with BuildKit, or "buildx" when `docker buildx` works.
find_buildkit_client() {
  if docker buildx version >/dev/null 2>&1; then
    echo buildx
    return 0
  fi
  local c v
  for c in "$(command -v docker)" /usr/bin/docker; do
    [ -x "$c" ] || continue
    v=$("$c" version --format '{{.Client.Version}}' 2>/dev/null || true)
    case "$v" in
      1[0-9].* | 20.* | 21.* | 22.*)
        echo "$c"
        return 0
        ;;
    esac
  done
  return 1
}

buildkit_build() {
  # buildkit_build <args...>: runs a BuildKit build with the client found above
  if [ "$BUILDKIT_CLIENT" = buildx ]; then
    docker buildx build --load "$@"
  else
    DOCKER_BUILDKIT=1 "$BUILDKIT_CLIENT" build "$@"
  fi
}

ensure_base_image() {
  local busybox_version ctx
  busybox_version=$(/bin/busybox 2>&1 | sed -n '1s/^BusyBox v\([0-9.]*\).*/\1/p')
  if [ "$(docker image inspect --format '{{index .Config.Labels "org.slipway.busybox"}}' "$BASE_IMAGE" 2>/dev/null)" = "$busybox_version" ]; then
    return 0
  fi
  log "building $BASE_IMAGE (FROM scratch + busybox-static $busybox_version)"
  ctx=$(mktemp -d)
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<EOF
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN ["/bin/busybox", "mkdir", "-p", "/tmp", "/etc", "/var/www", "/usr/bin", "/usr/sbin", "/sbin"]
RUN echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd && echo 'nobody:x:65534:65534:nobody:/:/bin/false' >> /etc/passwd && echo 'root:x:0:' > /etc/group && echo 'nogroup:x:65534:' >> /etc/group && chmod 1777 /tmp
LABEL org.slipway.busybox="$busybox_version"
ENV PATH=/bin:/sbin:/usr/bin:/usr/sbin
CMD ["/bin/sh"]
EOF
  if ! buildkit_build --network host --progress plain -t "$BASE_IMAGE" "$ctx" >"$STATE_DIR/base-build.log" 2>&1; then
    rm -rf "$ctx"
    tail -n 20 "$STATE_DIR/base-build.log" >&2
    die "building $BASE_IMAGE failed (log: $STATE_DIR/base-build.log)"
  fi
  rm -rf "$ctx"
}

smoke() {
  local ctx ref="$REGISTRY/services-smoke/busybox:latest" out
  ctx=$(mktemp -d)
  cp /bin/busybox "$ctx/busybox"
  printf 'FROM scratch\nCOPY busybox /bin/busybox\nCMD ["/bin/busybox", "echo", "slipway-smoke-ok"]\n' >"$ctx/Dockerfile"
  if ! buildkit_build --network host --progress plain -t "$ref" "$ctx" >"$STATE_DIR/smoke.log" 2>&1; then
    rm -rf "$ctx"
    tail -n 20 "$STATE_DIR/smoke.log" >&2
    die "smoke: BuildKit build failed (log: $STATE_DIR/smoke.log)"
  fi
  rm -rf "$ctx"
  docker push "$ref" >>"$STATE_DIR/smoke.log" 2>&1 || die "smoke: push to $REGISTRY failed (log: $STATE_DIR/smoke.log)"
  docker image rm "$ref" >>"$STATE_DIR/smoke.log" 2>&1 || die "smoke: could not remove $ref locally"
  docker pull "$ref" >>"$STATE_DIR/smoke.log" 2>&1 || die "smoke: pull from $REGISTRY failed (log: $STATE_DIR/smoke.log)"
  out=$(docker run --rm --network host "$ref" 2>&1) || die "smoke: running $ref failed: $out"
  [ "$out" = slipway-smoke-ok ] || die "smoke: $ref printed '$out'"
}

cmd_up() {
  exec 9>"$STATE_DIR/lock"
  flock 9
  ensure_packages
  ensure_dockerd
  ensure_registry
  BUILDKIT_CLIENT=$(find_buildkit_client) ||
    die "no BuildKit-capable docker client: install docker buildx, or keep Debian's docker.io client (/usr/bin/docker, < 23)"
  printf 'SLIPWAY_BUILDKIT_DOCKER=%s\nSLIPWAY_REGISTRY=%s\nSLIPWAY_BASE_IMAGE=%s\n' \
    "$BUILDKIT_CLIENT" "$REGISTRY" "$BASE_IMAGE" >"$STATE_DIR/env"
  ensure_base_image
  smoke
  log "up: dockerd $(docker version --format '{{.Server.Version}}'), registry $REGISTRY, buildkit via $BUILDKIT_CLIENT, base $BASE_IMAGE"
}

stop_pidfile() {
  local name=$1 pidfile=$2 pid
  if pid_alive "$pidfile"; then
    pid=$(cat "$pidfile")
    log "stopping $name (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then die "$name (pid $pid) did not stop"; fi
  fi
  rm -f "$pidfile"
}

cmd_down() {
  exec 9>"$STATE_DIR/lock"
  flock 9
  if was_started registry; then
    stop_pidfile registry "$STATE_DIR/registry.pid"
    unmark_started registry
  fi
  if was_started dockerd; then
    stop_pidfile dockerd "$STATE_DIR/dockerd.pid"
    unmark_started dockerd
  fi
  log "down: stopped what up had started"
}

cmd_status() {
  local rc=0 who
  if docker_ok; then
    who="external"
    was_started dockerd && pid_alive "$STATE_DIR/dockerd.pid" && who="started by services.sh, pid $(cat "$STATE_DIR/dockerd.pid")"
    echo "dockerd:  running ($(docker version --format '{{.Server.Version}}'), $who)"
  else
    echo "dockerd:  down"
    rc=1
  fi
  if registry_ok; then
    who="external"
    was_started registry && pid_alive "$STATE_DIR/registry.pid" && who="started by services.sh, pid $(cat "$STATE_DIR/registry.pid")"
    echo "registry: running on $REGISTRY ($who)"
  else
    echo "registry: down"
    rc=1
  fi
  if c=$(find_buildkit_client); then echo "buildkit: $c"; else
    echo "buildkit: no BuildKit-capable client"
    rc=1
  fi
  if docker_ok && docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then echo "base:     $BASE_IMAGE"; else echo "base:     missing"; fi
  echo "haproxy:  $(haproxy -v 2>/dev/null | sed -n 1p || echo missing)"
  echo "nginx:    $(/usr/sbin/nginx -v 2>&1 | sed -n 1p || echo missing)"
  return $rc
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 up|down|status" >&2
    exit 2
    ;;
esac
