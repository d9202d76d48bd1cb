#!/usr/bin/env bash
# Bring up the PostgreSQL 15 server that nestship's database tests use:
#   postgresql://postgres:postgres@127.0.0.1:54329/postgres
#
# - A server that already answers on that URL is reused as it is.
# - NESTSHIP_PG_URL points the tests (and this script) at another server; this script never
#   starts that one, it only checks that it answers.
# - Otherwise `postgres`/`initdb`/`pg_ctl` come from PATH, /usr/lib/postgresql/15/bin, or
#   Debian's postgresql-15 package, and a cluster is made in /var/lib/nestship-pg owned by the
#   `postgres` OS user (initdb refuses root). It listens on 127.0.0.1 only, and trades
#   durability for speed (fsync off): it holds throw-away test databases, nothing else.
#
# Prints the admin URL on stdout; progress goes to stderr. Exports nothing.
set -euo pipefail
export NESTSHIP_STEP=postgres
# shellcheck source=lib/common.sh
. "$(dirname "$0")/lib/common.sh"

# NESTSHIP_PG_PORT and NESTSHIP_PG_DIR exist to try this script beside a running server.
PORT=${NESTSHIP_PG_PORT:-54329}
BASE=${NESTSHIP_PG_DIR:-/var/lib/nestship-pg}
DEFAULT_URL=postgresql://postgres:postgres@127.0.0.1:$PORT/postgres
URL=${NESTSHIP_PG_URL:-$DEFAULT_URL}
PGDATA=$BASE/15/data
SOCKETS=$BASE/run
LOG=$BASE/server.log

command -v psql >/dev/null || apt_install postgresql-client-15
answers() { PGCONNECT_TIMEOUT=3 psql "$URL" -Atqc 'select 1' >/dev/null 2>&1; }

if answers; then
  say "reusing the server that answers on $URL"
  echo "$URL"; exit 0
fi
[ "$URL" = "$DEFAULT_URL" ] || die "NESTSHIP_PG_URL=$URL does not answer; start that server first"
is_root || die "no server answers on $URL, and starting one here needs root"

# One starter at a time: several test runs may call this together.
take_lock "postgres-$PORT"
if answers; then echo "$URL"; exit 0; fi

# The server binaries: PATH first, then Debian's layout, then Debian's package.
pg_bin() {
  local dir
  for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" \
             /usr/lib/postgresql/15/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] && { echo "$dir"; return 0; }
  done
  return 1
}
bin=$(pg_bin) || { apt_install postgresql-15; bin=$(pg_bin) || die "no initdb/pg_ctl after installing postgresql-15"; }
say "using $("$bin/postgres" --version)"

# initdb and the server refuse to run as root: they run as the `postgres` OS user.
id -u postgres >/dev/null 2>&1 \
  || useradd --system --user-group --home-dir "$BASE" --shell /bin/sh postgres
mkdir -p "$SOCKETS"
chown postgres: "$BASE" "$SOCKETS"
as_postgres() { runuser -u postgres -- "$@"; }

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  say "initdb $PGDATA"
  pwfile=$(mktemp); echo postgres >"$pwfile"; chown postgres: "$pwfile"
  as_postgres mkdir -p "$PGDATA"
  # Password logins over TCP (the URL carries the password), trust only on the private socket.
  as_postgres "$bin/initdb" -D "$PGDATA" --username=postgres --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$BASE/initdb.log" 2>&1 || { tail -n 20 "$BASE/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pwfile"
  cat >>"$PGDATA/postgresql.conf" <<CONF
# nestship test server: loopback only, a private socket directory, speed over durability.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCKETS'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
fi

say "starting PostgreSQL on 127.0.0.1:$PORT (log: $LOG)"
as_postgres touch "$LOG"
# pg_ctl detaches the server with its output in the log; -w waits until it accepts connections.
# The server must not inherit the start lock (fd 9), or it would hold it for its lifetime.
as_postgres "$bin/pg_ctl" -D "$PGDATA" -l "$LOG" -w -t 60 start >&2 9>&- \
  || { tail -n 20 "$LOG" >&2; die "PostgreSQL did not start (log: $LOG)"; }
wait_until 30 answers || die "PostgreSQL started but $URL does not answer (log: $LOG)"
echo "$URL"
