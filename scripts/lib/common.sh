# Shared helpers for nestship's setup scripts. Sourced, never run on its own.
# Every script that sources this runs with `set -euo pipefail`.

# Progress goes to stderr so that a script's stdout carries only its one answer (a path or a URL).
say() { printf '[nestship %s] %s\n' "${NESTSHIP_STEP:-setup}" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# True when running as root: the scripts install Debian packages and start system daemons.
is_root() { [ "$(id -u)" = 0 ]; }

# Install Debian packages that are missing. `apt-get update` runs only when something is
# missing, and at most once an hour (a stamp file, because each setup script is its own process).
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    { dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true; } | grep -q 'install ok installed' \
      || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing ${missing[*]}: install them (this script only knows Debian's apt-get)"
  is_root || die "missing Debian packages (${missing[*]}); run as root or install them first"
  local stamp=/var/cache/nestship/apt-updated
  if [ -z "$(find "$stamp" -mmin -60 2>/dev/null)" ]; then
    say "apt-get update"
    apt-get update -qq >&2
    mkdir -p "${stamp%/*}" && touch "$stamp"
  fi
  say "installing ${missing[*]}"
  # Debian packages start their services on install (docker.io would start a dockerd with a
  # default bridge in a private range, postgresql a cluster on 5432). The scripts start the
  # daemons themselves with the right flags, so forbid service starts while installing.
  local guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$guard" && chmod +x "$guard"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || { [ -n "$guard" ] && rm -f "$guard"; die "apt-get install ${missing[*]} failed"; }
  [ -n "$guard" ] && rm -f "$guard"
  return 0
}

# Poll a command until it succeeds or the number of seconds runs out.
wait_until() {
  local seconds=$1; shift
  local i
  for ((i = 0; i < seconds * 4; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  return 1
}

# Hold a lock named $1 on fd 9 until the script exits, so that concurrent runs (several test
# runs, or engineers sharing a machine) do one start or one build at a time. Where flock is
# missing (macOS), runs are not serialised.
take_lock() {
  command -v flock >/dev/null || return 0
  exec 9>"${TMPDIR:-/tmp}/nestship-$1.lock"
  flock 9
}
