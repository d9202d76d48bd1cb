#!/usr/bin/env bash
# Reclaim what nestship's tests leave in the Docker engine:
#   - containers and images labelled nestship.test=1 (test helpers label everything they make),
#   - BuildKit cache older than a day, then cache beyond NESTSHIP_BUILD_CACHE_MAX (default 10GB).
# The base images (labelled nestship.base-image) are kept. Does nothing when no engine answers.
set -euo pipefail
export NESTSHIP_STEP=prune
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"
# shellcheck source=lib/docker.sh
. "$(dirname "$0")/lib/docker.sh"

# The BuildKit-capable client, because only it can reach the BuildKit cache.
docker=$(buildkit_client) && "$docker" info >/dev/null 2>&1 \
  || docker=$(answering_client) || { say "no Docker engine answers; nothing to prune"; exit 0; }

containers=$("$docker" ps -aq --filter label=nestship.test=1)
if [ -n "$containers" ]; then
  say "removing $(wc -w <<<"$containers") test container(s)"
  # shellcheck disable=SC2086
  "$docker" rm -f $containers >/dev/null
fi

images=$("$docker" images -q --filter label=nestship.test=1 | sort -u)
if [ -n "$images" ]; then
  say "removing $(wc -w <<<"$images") test image(s)"
  # shellcheck disable=SC2086
  "$docker" rmi -f $images >/dev/null 2>&1 || true
fi

say "pruning build cache older than 24 h and beyond ${NESTSHIP_BUILD_CACHE_MAX:-10GB}"
"$docker" builder prune -f --filter until=24h >/dev/null
"$docker" builder prune -f --keep-storage "${NESTSHIP_BUILD_CACHE_MAX:-10GB}" >/dev/null
"$docker" system df >&2
