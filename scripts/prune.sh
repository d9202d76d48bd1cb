#!/usr/bin/env bash
# Reclaim what nestship's tests leave in the Docker engine. Usage: prune.sh [--all]
#   - containers and images labelled nestship.test=1 (the test helpers label all they make):
#     by default only stopped containers and unused images older than an hour, so that test runs
#     going on beside this one on a shared machine keep theirs; with --all (CI, alone on its
#     machine, after its run) every labelled container and image;
#   - untagged (dangling) images, older than an hour unless --all;
#   - BuildKit cache older than a day, then cache beyond NESTSHIP_BUILD_CACHE_MAX (default 10GB).
# The base images (labelled nestship.base-image) are kept. Does nothing when no engine answers.
set -euo pipefail
export NESTSHIP_STEP=prune
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
# shellcheck source=lib/docker.sh
. "$(dirname "$0")/lib/docker.sh"

all=""
case "${1:-}" in
  --all) all=1 ;;
  "") ;;
  *) die "usage: prune.sh [--all]" ;;
esac

# The BuildKit-capable client, because only it can reach the BuildKit cache.
docker=$(buildkit_client) && "$docker" info >/dev/null 2>&1 \
  || docker=$(answering_client) || { say "no Docker engine answers; nothing to prune"; exit 0; }

label=label=nestship.test=1
if [ -n "$all" ]; then
  containers=$("$docker" ps -aq --filter "$label")
  if [ -n "$containers" ]; then
    say "removing $(wc -w <<<"$containers") test container(s)"
    # shellcheck disable=SC2086
    "$docker" rm -f $containers >/dev/null
  fi
  say "removing test images and untagged images"
  "$docker" image prune -a -f --filter "$label" >&2
  "$docker" image prune -f >&2
else
  say "removing stopped test containers and unused test images older than an hour"
  "$docker" container prune -f --filter "$label" --filter until=1h >&2
  "$docker" image prune -a -f --filter "$label" --filter until=1h >&2
  "$docker" image prune -f --filter until=1h >&2
  running=$("$docker" ps -q --filter "$label" | wc -l)
  [ "$running" -eq 0 ] || say "$running test container(s) still running; kept (prune.sh --all removes them)"
fi

say "pruning build cache older than 24 h and beyond ${NESTSHIP_BUILD_CACHE_MAX:-10GB}"
"$docker" builder prune -f --filter until=24h >/dev/null
"$docker" builder prune -f --keep-storage "${NESTSHIP_BUILD_CACHE_MAX:-10GB}" >/dev/null
"$docker" system df >&2
