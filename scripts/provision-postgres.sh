#!/usr/bin/env bash
# Provisions PostgreSQL with PostGIS for `npm start` and `npm test`, then prints a
# server URL (without a database name) on stdout. Everything else goes to stderr.
#
# - DATABASE_URL set: that server is used as it is; nothing is installed.
# - Otherwise a project-local cluster lives under .data/postgres, listening on
#   127.0.0.1 only with trust authentication, on LOCAL_PG_PORT or a port derived
#   from the checkout's path so that two checkouts on one machine do not collide.
# - PostgreSQL or PostGIS missing: installed with apt when running as root on
#   Debian/Ubuntu; otherwise the script stops and prints the command to run.
set -euo pipefail

log() { echo "provision-postgres: $*" >&2; }

top=$(cd "$(dirname "$0")/.." && pwd)
path_hash=$(printf '%s' "$top" | cksum | cut -d' ' -f1)
port="${LOCAL_PG_PORT:-$((54000 + path_hash % 900))}"
data_dir="$top/.data/postgres"

if [[ -n "${DATABASE_URL:-}" ]]; then
  echo "$DATABASE_URL"
  exit 0
fi

newest_pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

postgis_installed() {
  local version=$1
  ls "/usr/share/postgresql/$version/extension/postgis.control" >/dev/null 2>&1
}

install_with_apt() {
  local packages=("$@")
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    log "PostgreSQL with PostGIS is missing. Install it, then run this again:"
    log "  sudo apt-get update && sudo apt-get install -y ${packages[*]}"
    exit 1
  fi
  log "installing ${packages[*]} with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >&2
}

pg_bin=$(newest_pg_bin)
if [[ -z "$pg_bin" ]]; then
  install_with_apt postgresql
  pg_bin=$(newest_pg_bin)
fi
pg_version=$(basename "$(dirname "$pg_bin")")
if ! postgis_installed "$pg_version"; then
  install_with_apt "postgresql-$pg_version-postgis-3"
fi

# initdb and postgres refuse to run as root, so a root user runs them as `postgres`.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The server runs as `postgres` when we are root. That user cannot enter a
# checkout under a private home folder, so the cluster then lives under /var/tmp.
if [[ $(id -u) -eq 0 ]] && ! runuser -u postgres -- test -x "$top"; then
  data_dir="/var/tmp/air-rescue-postgres-$path_hash"
  log "postgres cannot enter $top, so the cluster lives in $data_dir"
fi

# `provision-postgres.sh stop` stops the local cluster (npm run db:stop).
if [[ "${1:-}" == "stop" ]]; then
  if [[ -f "$data_dir/postmaster.pid" ]]; then
    as_owner "$pg_bin/pg_ctl" -D "$data_dir" -m fast stop >&2
  else
    log "the local cluster in $data_dir is not running"
  fi
  exit 0
fi

if [[ ! -f "$data_dir/PG_VERSION" ]]; then
  log "creating a local cluster in $data_dir"
  mkdir -p "$data_dir"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$data_dir"
  chmod 700 "$data_dir"
  as_owner "$pg_bin/initdb" -D "$data_dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >&2
fi

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if as_owner "$pg_bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
  # Line 4 of postmaster.pid is the port the running server listens on.
  port=$(sed -n 4p "$data_dir/postmaster.pid")
else
  # Another program (or a cluster of a deleted checkout) may hold the
  # derived port; take the next free one.
  for _ in $(seq 1 50); do
    port_in_use "$port" || break
    port=$((port + 1))
  done
  log "starting the local cluster on 127.0.0.1:$port"
  as_owner "$pg_bin/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data_dir -c max_connections=200 -c fsync=on" >&2
fi

echo "postgres://postgres@127.0.0.1:$port"
