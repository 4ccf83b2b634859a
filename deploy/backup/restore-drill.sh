#!/bin/bash
# Restore drill: proves that today's backup restores. Dumps the live database (backup.sh --db-only), restores it into
# a fresh database lianxin_drill_<time> (restore.sh), compares the exact row count of every table with the counts
# taken in the dump's snapshot, and drops the drill database (--keep to look at it). Run it monthly, and after every
# PostgreSQL upgrade. Exit code 0: the restore is complete; 1: a table differs (listed); 2: something failed.
#
#   restore-drill.sh [--keep] [WORK_DIR]
#   restore-drill.sh compare DB_A DB_B      row counts of two databases (e.g. the live one and a restored one)
#
# PG* variables: pg-common.sh (PGDATABASE is the database drilled). Needs a role that may create databases; the
# drill database is restored without owners and grants (--no-owner --no-acl), so it needs no other role.
# DeployBackupIT runs this against the test PostgreSQL.

here=$(dirname "$(readlink -f "$0")")
# shellcheck source=pg-common.sh
. "$here/pg-common.sh"

if [[ ${1:-} == compare ]]; then
  (($# == 3)) || die "usage: restore-drill.sh compare DB_A DB_B"
  a=$(mktemp) b=$(mktemp)
  trap 'rm -f "$a" "$b"' EXIT
  count_rows "$2" "$a"
  count_rows "$3" "$b"
  set +e
  compare_counts "$a" "$b" "$2" "$3"
  exit $?
fi

keep=false
if [[ ${1:-} == --keep ]]; then keep=true; shift; fi
work=${1:-}
cleanup_work=false
if [[ -z $work ]]; then work=$(mktemp -d); cleanup_work=true; fi
drill=lianxin_drill_$(date -u +%Y%m%d%H%M%S)_$$
cleanup() {
  if ! $keep; then
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$drill\"" >/dev/null 2>&1 || true
  fi
  if $cleanup_work; then rm -rf "$work"; fi
}
trap cleanup EXIT

started=$(date +%s)
dump=$("$here/backup.sh" --db-only "$work" | tail -n1)
[[ -s $dump ]] || die "backup.sh wrote no dump"
set +e
LIANXIN_RESTORE_OPTIONS="--no-owner --no-acl" "$here/restore.sh" "$dump" "$drill"
rc=$?
set -e
if ((rc == 0)); then
  say "drill passed: ${PGDATABASE} restored into $drill in $(($(date +%s) - started)) s$($keep && echo " (kept)")"
  exit 0
fi
say "drill FAILED (restore.sh exit code $rc)"
exit 1
