#!/usr/bin/env bash
# Bring up a Docker engine that nestship's image tests can build on with BuildKit.
#
# - An engine that already answers is used as it is (a developer laptop with Docker Desktop,
#   or a dockerd this script started earlier).
# - Otherwise, on Debian, the `docker.io` package (Engine 20.10 with an embedded BuildKit) is
#   installed and dockerd is started in the background with NO bridge and no iptables rules:
#   containers never get an address in a private range, and every build and run uses
#   `--network host`.
#
# Prints the path of the BuildKit-capable docker client on stdout (progress goes to stderr).
# A client counts as BuildKit-capable when it has the buildx plugin, or when it is older than
# 23 and so builds with BuildKit itself under DOCKER_BUILDKIT=1. A client of 23 or newer
# without buildx silently falls back to the legacy builder, which rejects `RUN --mount`, so it
# is never used for builds. NESTSHIP_DOCKER overrides the choice.
set -euo pipefail
export NESTSHIP_STEP=engine
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
# shellcheck source=lib/docker.sh
. "$(dirname "$0")/lib/docker.sh"

DOCKERD_LOG=${NESTSHIP_DOCKERD_LOG:-/var/log/nestship-dockerd.log}

start_dockerd() {
  command -v dockerd >/dev/null || apt_install docker.io
  # A dockerd of ours may still be starting: give it the chance before starting a second one.
  # (A pid file left by a killed daemon may name a pid that another program has since taken.)
  if [ -s /var/run/docker.pid ] && [ "$(cat "/proc/$(cat /var/run/docker.pid)/comm" 2>/dev/null)" = dockerd ]; then
    say "dockerd (pid $(cat /var/run/docker.pid)) is running; waiting for it to answer"
    return 0
  fi
  is_root || die "no Docker engine answers, and starting dockerd needs root"
  # dockerd trusts the pid file of its own containerd; after a kill that pid may belong to
  # another program by now, and dockerd would then wait for a containerd that never answers.
  local cpid=/var/run/docker/containerd/containerd.pid
  if [ -s "$cpid" ] && [ "$(cat "/proc/$(cat "$cpid")/comm" 2>/dev/null)" != containerd ]; then
    rm -f "$cpid"
  fi
  say "starting dockerd (no bridge, no iptables), log: $DOCKERD_LOG"
  mkdir -p "$(dirname "$DOCKERD_LOG")"
  # setsid + closed stdio: the daemon outlives this script and never holds a caller's pipes
  # open (CI waits for those pipes to close), nor the start lock (fd 9).
  setsid dockerd --bridge=none --iptables=false --ip-masq=false \
    </dev/null >>"$DOCKERD_LOG" 2>&1 9>&- &
}

# One starter at a time: several runs of up.sh may start together.
take_lock engine

if ! answering_client >/dev/null; then
  start_dockerd
fi

# Debian's docker.io brings /usr/bin/docker, a BuildKit-capable 20.10 client, when no
# client on the machine can build with BuildKit.
client=$(buildkit_client) || { apt_install docker.io; client=$(buildkit_client) || true; }
[ -n "$client" ] || die "no BuildKit-capable docker client (buildx plugin or a client older than 23)"

if ! wait_until 60 "$client" info; then
  tail -n 20 "$DOCKERD_LOG" >&2 2>/dev/null || true
  die "the Docker engine did not answer within 60 s (log: $DOCKERD_LOG)"
fi

if "$client" buildx version >/dev/null 2>&1; then how="docker buildx"; else how="DOCKER_BUILDKIT=1"; fi
say "engine $("$client" version --format '{{.Server.Version}}') answers; build client: $client ($how)"
echo "$client"
