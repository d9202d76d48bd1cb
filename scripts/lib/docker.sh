# Finding docker clients. Sourced by engine-up.sh and prune.sh, after lib/common.sh.

# Every docker client on this machine: NESTSHIP_DOCKER, then PATH order, then Debian's, no repeats.
client_candidates() {
  { [ -n "${NESTSHIP_DOCKER:-}" ] && echo "$NESTSHIP_DOCKER"; type -ap docker; echo /usr/bin/docker; } \
    | awk '!seen[$0]++'
}

# True when the client drives BuildKit: through the buildx plugin, or natively because it is
# older than 23 (such clients build with BuildKit under DOCKER_BUILDKIT=1). A newer client
# without buildx silently falls back to the legacy builder, which rejects `RUN --mount`.
can_buildkit() {
  local client=$1 major
  [ -x "$client" ] || return 1
  "$client" buildx version >/dev/null 2>&1 && return 0
  major=$("$client" --version 2>/dev/null | sed -n 's/^Docker version \([0-9]*\)\..*/\1/p')
  [ -n "$major" ] && [ "$major" -lt 23 ]
}

# Prints the first BuildKit-capable client.
buildkit_client() {
  local c
  while read -r c; do
    if can_buildkit "$c"; then echo "$c"; return 0; fi
  done < <(client_candidates)
  return 1
}

# Prints the first client that reaches a running engine.
answering_client() {
  local c
  while read -r c; do
    if [ -x "$c" ] && "$c" info >/dev/null 2>&1; then echo "$c"; return 0; fi
  done < <(client_candidates)
  return 1
}
