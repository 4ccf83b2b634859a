#!/bin/bash
# Lianxin restore: a dump written by backup.sh into a NEW database, checked against the row counts taken with it;
# optionally the objects back from the backup bucket.
#
#   restore.sh DUMP_FILE TARGET_DB
#   restore.sh --objects            (LIANXIN_BACKUP_S3_TARGET copied back to LIANXIN_BACKUP_S3_SOURCE)
#
# The target database must not exist (a restore never writes over a database): create it empty by restoring, check,
# then point the app at it (spring.datasource.url) with every app node stopped, or rename databases. Run as a role
# allowed to create databases; ownership is kept as dumped (the owner and application roles must exist: README.md,
# "Audit trail in production"). Exit code 0 only if every table has the row count the dump was taken with.

here=$(dirname "$(readlink -f "$0")")
# shellcheck source=pg-common.sh
. "$here/pg-common.sh"

if [[ ${1:-} == --objects ]]; then
  command -v rclone >/dev/null || die "rclone not found (apt-get install rclone)"
  [[ -n ${LIANXIN_BACKUP_S3_SOURCE:-} && -n ${LIANXIN_BACKUP_S3_TARGET:-} ]] \
    || die "LIANXIN_BACKUP_S3_SOURCE and LIANXIN_BACKUP_S3_TARGET (rclone remote:bucket) must be set"
  say "objects: $LIANXIN_BACKUP_S3_TARGET -> $LIANXIN_BACKUP_S3_SOURCE"
  rclone copy --checksum --transfers 8 "$LIANXIN_BACKUP_S3_TARGET" "$LIANXIN_BACKUP_S3_SOURCE"
  exit 0
fi

(($# == 2)) || die "usage: restore.sh DUMP_FILE TARGET_DB | restore.sh --objects"
dump=$1 target=$2
[[ -r $dump ]] || die "cannot read $dump"
[[ $target =~ ^[a-z_][a-z0-9_]*$ ]] || die "target database name: lower case letters, digits and _ only"
if [[ -r $dump.sha256 ]]; then
  (cd "$(dirname "$dump")" && sha256sum --quiet --check "$(basename "$dump").sha256") \
    || die "$dump does not match its checksum"
fi
exists=$(psql -X -At -v ON_ERROR_STOP=1 -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$target'")
[[ -z $exists ]] || die "database $target exists: a restore never writes over a database"

say "restoring $dump into new database $target"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE \"$target\"" || die "cannot create $target"
pg_restore --exit-on-error ${LIANXIN_RESTORE_OPTIONS:-} --dbname="$target" "$dump" \
  || die "pg_restore failed; $target is incomplete: drop it (DROP DATABASE $target) and look at the error above"
psql -X -q -d "$target" -c "ANALYZE" >/dev/null

if [[ -r $dump.counts ]]; then
  restored=$(mktemp)
  trap 'rm -f "$restored"' EXIT
  count_rows "$target" "$restored"
  compare_counts "$dump.counts" "$restored" dumped restored || die "row counts differ (above)"
  say "restored $target: every table has the rows the dump was taken with"
else
  say "restored $target ($dump.counts missing: row counts not compared)"
fi
