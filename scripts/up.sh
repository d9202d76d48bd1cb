#!/usr/bin/env bash
# Bring up everything nestship's tests stand on, idempotently (fast when already up):
#   1. a Docker engine with a BuildKit-capable client     (scripts/engine-up.sh)
#   2. the Node.js base images, pulled or built as stand-ins (scripts/base-images.sh)
#   3. PostgreSQL 15 on 127.0.0.1:54329                    (scripts/postgres-up.sh)
#   4. npm packages (repo root and examples/nest-prisma-api), then `npm run build`.
# Daemons are left running in the background; nothing is exported to the caller.
set -euo pipefail
export NESTSHIP_STEP=up
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"
started=$SECONDS

docker=$(bash "$here/engine-up.sh")
NESTSHIP_ENGINE_CLIENT=$docker bash "$here/base-images.sh"
pg_url=$(bash "$here/postgres-up.sh")

# `npm ci` wipes node_modules, which would pull the floor from under a test run in the same
# tree, and takes minutes for the example: skip it when the installed tree matches the lockfile.
# The proof is node_modules/.nestship-installed holding the lockfile's sha256, written after a
# successful install (test/example/example.ts reads the same marker, so the example is not
# installed twice in one CI run). A tree installed by hand has no marker: npm's own hidden
# lockfile, rewritten at the end of every install, being newer than package.json and
# package-lock.json vouches for it then.
lock_hash() {
  node -e 'const c = require("crypto"), f = require("fs");
    process.stdout.write(c.createHash("sha256").update(f.readFileSync(process.argv[1])).digest("hex"))' "$1"
}

npm_ci() {
  local dir=$1 name=${1#"$root"/} marker=$1/node_modules/.nestship-installed
  local hidden=$1/node_modules/.package-lock.json hash
  [ "$dir" = "$root" ] && name="the repository root"
  [ -f "$dir/package-lock.json" ] || { say "no package-lock.json in $name; skipping npm ci"; return 0; }
  hash=$(lock_hash "$dir/package-lock.json")
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$hash" ]; then
    say "npm packages in $name match the lockfile"
    return 0
  fi
  if [ ! -f "$marker" ] && [ -f "$hidden" ] && [ "$hidden" -nt "$dir/package-lock.json" ] \
      && [ "$hidden" -nt "$dir/package.json" ]; then
    say "npm packages in $name match the lockfile (installed by hand)"
    printf '%s' "$hash" >"$marker"
    return 0
  fi
  say "npm ci in $name"
  # --prefer-offline: package metadata already in npm's cache is not fetched again. One retry,
  # because a busy shared npm cache now and then loses a tarball under a concurrent install.
  (cd "$dir" && { npm ci --prefer-offline --no-audit --no-fund >&2 \
    || { say "npm ci failed; retrying once"; npm ci --no-audit --no-fund >&2; }; })
  printf '%s' "$hash" >"$marker"
}

npm_ci "$root"
[ -d "$root/examples/nest-prisma-api" ] && npm_ci "$root/examples/nest-prisma-api"

# The compiler takes tens of seconds on a busy machine: skip it when nothing it reads changed
# since the last build this script made (npm test builds again in any case).
stamp=$root/dist/.nestship-built
if [ -f "$stamp" ] && [ -z "$(find "$root/src" "$root/tsconfig.json" "$root/package.json" \
      "$root/package-lock.json" -newer "$stamp" -print -quit)" ]; then
  say "dist/ is up to date with src/"
else
  say "npm run build"
  mkdir -p "$root/dist" && touch "$root/dist/.nestship-build-start"
  (cd "$root" && npm run build --silent >&2)
  # The stamp takes the time the build started, so edits made during the build count as new.
  mv "$root/dist/.nestship-build-start" "$stamp"
fi

say "up in $((SECONDS - started)) s: docker client $docker, PostgreSQL $pg_url"
