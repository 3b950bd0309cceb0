#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suite.
#
#   eval "$(bash scripts/pg-test-server.sh start)"   # exports SANCTIONWATCH_TEST_PG(_DIR)
#   bash scripts/pg-test-server.sh stop               # stops it and deletes its data
#
# `start` runs initdb in a fresh temporary folder (as the `postgres` user when run as root,
# since PostgreSQL refuses to run as root), listens on a unix socket in that folder only
# (no TCP port), and prints the shell exports for the tests.  When SANCTIONWATCH_TEST_PG is
# already set it prints nothing (the tests use that server).  When PostgreSQL is not
# installed it prints a note on stderr and nothing on stdout, and the PostgreSQL tests skip.
set -u
cmd=${1:-start}

pg_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

as_owner() {  # run a command as the cluster owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  if [ -n "${SANCTIONWATCH_TEST_PG:-}" ]; then exit 0; fi
  if ! bin=$(pg_bin); then
    echo "note: PostgreSQL is not installed (apt-get install postgresql); PostgreSQL tests will be skipped" >&2
    exit 0
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "note: running as root without a 'postgres' user; PostgreSQL tests will be skipped" >&2
    exit 0
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/sanctionwatch-pg.XXXXXX")
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  log="$dir/server.log"
  if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1; then
    echo "note: initdb failed (see $dir/initdb.log); PostgreSQL tests will be skipped" >&2
    exit 0
  fi
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$log" -w -t 60 \
       -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=200 -c fsync=off" start >/dev/null 2>&1; then
    echo "note: the PostgreSQL server did not start (see $log); PostgreSQL tests will be skipped" >&2
    exit 0
  fi
  "$bin/createdb" -h "$dir" -U postgres sanctionwatch_test >/dev/null 2>&1 || as_owner "$bin/createdb" -h "$dir" -U postgres sanctionwatch_test
  echo "export SANCTIONWATCH_TEST_PG='postgresql://postgres@/sanctionwatch_test?host=$dir'"
  echo "export SANCTIONWATCH_TEST_PG_DIR='$dir'"
  echo "PostgreSQL test server running on socket $dir" >&2
  ;;
stop)
  dir=${2:-${SANCTIONWATCH_TEST_PG_DIR:-}}
  [ -n "$dir" ] && [ -d "$dir/data" ] || exit 0
  bin=$(pg_bin) || exit 0
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
