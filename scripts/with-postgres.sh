#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server: Debian's postgresql (installed when it is
# missing), a new cluster in a temporary directory, listening on 127.0.0.1 at a free port only,
# trust authentication for the local test user, fsync off. The command sees its address in
# BETTEROFF_TEST_POSTGRES (postgresql://postgres@127.0.0.1:PORT/postgres); the server is stopped
# and its directory removed when the command ends, whatever its result.
#
#   bash scripts/with-postgres.sh python -m pytest py/tests/test_warehouse.py
set -euo pipefail

initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$initdb" ]; then
  echo "installing Debian's postgresql"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  initdb=$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
fi
bin=$(dirname "$initdb")

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  as_owner() { runuser -u postgres -- "$@"; }
fi

dir=$(mktemp -d /tmp/betteroff-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" \
  start >/dev/null || { cat "$dir/server.log"; exit 1; }
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway cluster in $dir)"

export BETTEROFF_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$port/postgres"
"$@"
