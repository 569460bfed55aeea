#!/usr/bin/env bash
# Shared helpers for the project's shell scripts. Sourced, never run.
CW_HOME=${CW_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
CW_STATE=${CW_STATE:-$CW_HOME/.cw}
PG_VERSION=15
PG_BIN=/usr/lib/postgresql/$PG_VERSION/bin
CW_PG_PORT=${CW_PG_PORT:-54329}
CW_PG_DB=${CW_PG_DB:-catwing}
CW_PG_OS_USER=${CW_PG_OS_USER:-postgres}

die() { echo "cw: $*" >&2; exit 1; }
say() { echo "cw: $*" >&2; }

# Debian mirror the machine already uses (never hard-coded): the URI of the first apt source
# that serves the 'bookworm' suite of the main archive.
debian_mirror() {
  local uri=""
  if compgen -G "/etc/apt/sources.list.d/*.sources" >/dev/null; then
    uri=$(awk '
      /^URIs:/   { u=$2 }
      /^Suites:/ { for (i=2;i<=NF;i++) if ($i=="bookworm") { print u; exit } }
      /^$/       { u="" }' /etc/apt/sources.list.d/*.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1=="deb" && $3=="bookworm" { print $2; exit }' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || return 1
  echo "${uri%/}"
}
