#!/usr/bin/env bash
# The project-local PostgreSQL 15 cluster: start | stop | status | url.
# Data lives in .cw/pg (git-ignored); its own port (CW_PG_PORT, default 54329) and socket directory.
# `start --quiet` says nothing when the server is already up (used by every cw command).
# The server always runs as an unprivileged OS user: 'postgres' when this runs as root.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_DIR=$CW_STATE/pg
DATA=$PG_DIR/data
RUN=$PG_DIR/run
LOG=$PG_DIR/server.log

if [ "$(id -u)" -eq 0 ]; then
  as_server() { runuser -u "$CW_PG_OS_USER" -- "$@"; }
else
  as_server() { "$@"; }
fi

running() { [ -f "$DATA/PG_VERSION" ] && as_server "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$CW_PG_PORT") 2>/dev/null; }
url() { echo "postgresql://postgres@127.0.0.1:$CW_PG_PORT/$CW_PG_DB"; }
psql_admin() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$CW_PG_PORT" -U postgres "$@"; }

write_conf() {
  cat > "$DATA/cw.conf" <<CONF
# Written by scripts/db.sh on every start; edit the script, not this file.
listen_addresses = '127.0.0.1'
port = $CW_PG_PORT
unix_socket_directories = '$RUN'
shared_preload_libraries = 'pg_cron'
cron.database_name = 'postgres'
cron.use_background_workers = on
cron.max_running_jobs = 8
max_worker_processes = 32
max_connections = 200
shared_buffers = 512MB
work_mem = 64MB
maintenance_work_mem = 512MB
max_wal_size = 4GB
checkpoint_timeout = 30min
synchronous_commit = off
timezone = 'UTC'
log_timezone = 'UTC'
log_min_messages = warning
# Where the local aws_s3 extension finds S3 (docs/aws_s3.md); on RDS the instance's IAM role does this.
aws_s3.endpoint_url = '${CW_S3_ENDPOINT:-http://127.0.0.1:${CW_S3_PORT:-54380}}'
aws_s3.access_key_id = '${CW_S3_ACCESS_KEY:-$( [ -n "${CW_S3_ENDPOINT:-}" ] || echo catwing-local)}'
aws_s3.secret_access_key = '${CW_S3_SECRET_KEY:-$( [ -n "${CW_S3_ENDPOINT:-}" ] || echo catwing-local-secret)}'
aws_s3.region = '${CW_S3_REGION:-us-east-1}'
CONF
}

start() {
  "$CW_HOME/scripts/install-deps.sh"
  if running; then [ "${1:-}" = "--quiet" ] || say "PostgreSQL already running on port $CW_PG_PORT"; return 0; fi
  if port_taken; then
    die "port $CW_PG_PORT is already taken by another process; stop it or choose another port with CW_PG_PORT=NNNNN"
  fi
  mkdir -p "$PG_DIR" "$RUN"
  if [ "$(id -u)" -eq 0 ]; then
    id "$CW_PG_OS_USER" >/dev/null 2>&1 || die "OS user '$CW_PG_OS_USER' does not exist (it comes with the postgresql package)"
    chown -R "$CW_PG_OS_USER" "$PG_DIR"
    as_server test -w "$PG_DIR" \
      || die "OS user '$CW_PG_OS_USER' cannot write $PG_DIR; make its parent folders traversable (chmod o+x) or set CW_STATE"
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    say "initialising a PostgreSQL $PG_VERSION cluster in $DATA"
    rm -rf "$DATA"
    as_server "$PG_BIN/initdb" -D "$DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=trust >"$PG_DIR/initdb.log" 2>&1 \
      || die "initdb failed; see $PG_DIR/initdb.log"
    echo "include_if_exists = 'cw.conf'" >> "$DATA/postgresql.conf"
    printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' > "$DATA/pg_hba.conf"
    [ "$(id -u)" -eq 0 ] && chown "$CW_PG_OS_USER" "$DATA/postgresql.conf" "$DATA/pg_hba.conf"
  fi
  write_conf
  [ "$(id -u)" -eq 0 ] && chown "$CW_PG_OS_USER" "$DATA/cw.conf"
  say "starting PostgreSQL $PG_VERSION on port $CW_PG_PORT"
  as_server "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null \
    || die "PostgreSQL did not start; last lines of $LOG: $(tail -3 "$LOG" 2>/dev/null | tr '\n' ' ')"
  psql_admin -d postgres -c "create extension if not exists pg_cron" \
    || die "cannot create extension pg_cron in database postgres"
  if ! psql_admin -d postgres -tAc "select 1 from pg_database where datname = '$CW_PG_DB'" | grep -q 1; then
    psql_admin -d postgres -c "create database $CW_PG_DB"
  fi
  say "PostgreSQL ready: $(url)"
}

stop() {
  if running; then
    as_server "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    say "PostgreSQL stopped"
  else
    say "PostgreSQL is not running"
  fi
}

status() {
  if running; then echo "running  $(url)  data=$DATA"; else echo "stopped  data=$DATA"; return 3; fi
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  status) status ;;
  url) url ;;
  *) die "usage: db.sh start|stop|status|url" ;;
esac
