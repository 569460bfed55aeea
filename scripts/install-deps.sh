#!/usr/bin/env bash
# Installs everything the local PostgreSQL 15 cluster needs: the server, pg_cron, plpython3u with
# boto3, pgTAP, plpgsql_check, sqlfluff from Debian's packages (with Chromium for the report tests and
# Graphviz for cw erd), and pgvector built from Debian trixie's source package against PostgreSQL 15
# with PGXS (bookworm ships no pgvector binary).
# Idempotent: prints nothing and exits 0 when all is present.
# As root it installs; otherwise it prints the exact command to run and exits 1.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

EXT_DIR=/usr/share/postgresql/$PG_VERSION/extension
APT_PACKAGES=(postgresql-$PG_VERSION postgresql-client-$PG_VERSION postgresql-plpython3-$PG_VERSION
  postgresql-$PG_VERSION-cron postgresql-$PG_VERSION-pgtap postgresql-$PG_VERSION-plpgsql-check postgresql-server-dev-$PG_VERSION
  python3-boto3 sqlfluff build-essential dpkg-dev libkrb5-dev chromium graphviz)

missing() {
  local m=()
  [ -x "$PG_BIN/postgres" ] || m+=("postgresql-$PG_VERSION")
  [ -f "$EXT_DIR/plpython3u.control" ] || m+=("plpython3u")
  [ -f "$EXT_DIR/pgtap.control" ] || m+=("pgtap")
  [ -f "$EXT_DIR/plpgsql_check.control" ] || m+=("plpgsql_check")
  [ -f "$EXT_DIR/vector.control" ] || m+=("vector")
  [ -f "$EXT_DIR/pg_cron.control" ] || m+=("pg_cron")
  /usr/bin/python3 -c 'import boto3' 2>/dev/null || m+=("python3-boto3")
  command -v sqlfluff >/dev/null || m+=("sqlfluff")
  command -v chromium >/dev/null || m+=("chromium")
  command -v dot >/dev/null || m+=("graphviz")
  echo "${m[@]:-}"
}

# The local aws_commons and aws_s3 extensions (extension/: the RDS API in PL/Python + boto3) are copied into the
# server's extension folder when missing or changed; the global migrations CREATE EXTENSION aws_s3 CASCADE, as on RDS.
install_aws_extensions() {
  local f changed=""
  for f in "$CW_HOME"/extension/*.control "$CW_HOME"/extension/*.sql; do
    cmp -s "$f" "$EXT_DIR/$(basename "$f")" || changed=1
  done
  [ -z "$changed" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "cw: the extension files of aws_commons/aws_s3 are missing or outdated in $EXT_DIR" >&2
    echo "cw: install them with: sudo $CW_HOME/scripts/install-deps.sh" >&2
    exit 1
  fi
  install -m 0644 "$CW_HOME"/extension/*.control "$CW_HOME"/extension/*.sql "$EXT_DIR"/
  say "installed the local aws_commons/aws_s3 extensions into $EXT_DIR"
}

todo=$(missing)
if [ -z "$todo" ]; then
  install_aws_extensions
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "cw: missing: $todo" >&2
  echo "cw: install them with: sudo $CW_HOME/scripts/install-deps.sh" >&2
  exit 1
fi

say "installing: $todo (one time, a few minutes; log in $CW_STATE/install.log)"
mkdir -p "$CW_STATE"
log=$CW_STATE/install.log
: > "$log"
export DEBIAN_FRONTEND=noninteractive

# No default cluster on port 5432: the project runs its own.
mkdir -p /etc/postgresql-common
if ! grep -qs '^create_main_cluster *= *false' /etc/postgresql-common/createcluster.conf; then
  echo "create_main_cluster = false" >> /etc/postgresql-common/createcluster.conf
fi

mirror=$(debian_mirror) || die "cannot find the Debian mirror in /etc/apt (no source serves 'bookworm')"
src_list=/etc/apt/sources.list.d/cw-trixie-src.sources
if [ ! -f "$src_list" ]; then
  cat > "$src_list" <<SRC
# Added by CatWing scripts/install-deps.sh: source package only (pgvector),
# built locally against PostgreSQL $PG_VERSION. No binaries come from this suite.
Types: deb-src
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
say "apt-get update"
apt-get update >>"$log" 2>&1 || die "apt-get update failed; see $log"
say "apt-get install ${APT_PACKAGES[*]}"
apt-get install -y --no-install-recommends "${APT_PACKAGES[@]}" >>"$log" 2>&1 \
  || die "apt-get install failed; see $log"

build_src() { # $1 = Debian source package
  local dir=$CW_STATE/build/$1
  rm -rf "$dir"; mkdir -p "$dir"
  say "building $1 from Debian trixie source against PostgreSQL $PG_VERSION"
  (cd "$dir" && apt-get source --download-only "$1" >>"$log" 2>&1 \
     && dpkg-source -x --no-check ./*.dsc src >>"$log" 2>&1 \
     && make -C src USE_PGXS=1 PG_CONFIG="$PG_BIN/pg_config" >>"$log" 2>&1 \
     && make -C src USE_PGXS=1 PG_CONFIG="$PG_BIN/pg_config" install >>"$log" 2>&1) \
    || die "building $1 failed; see $log"
}
[ -f "$EXT_DIR/vector.control" ] || build_src pgvector

todo=$(missing)
[ -z "$todo" ] || die "still missing after install: $todo; see $log"
install_aws_extensions
say "dependencies installed"
