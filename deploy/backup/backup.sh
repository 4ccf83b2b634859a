#!/bin/bash
# Lianxin backup: the database (pg_dump, custom format, one consistent snapshot) and the object store (recordings,
# documents, audit checkpoints) copied to a backup bucket. Run daily from a timer on a host that reaches both
# (deploy/README.md, "Backup and restore"); keep the backups in another site.
#
#   backup.sh [--db-only | --objects-only] DEST_DIR
#
# Database: DEST_DIR/lianxin-<UTC time>.dump, its .sha256 and .counts (the exact row count of every table in the
# same snapshot as the dump, what restore-drill.sh and restore.sh compare against). PG* variables: pg-common.sh.
# Objects: rclone (Debian's package) copies LIANXIN_BACKUP_S3_SOURCE (e.g. lianxin:lianxin-recordings) to
# LIANXIN_BACKUP_S3_TARGET (e.g. backup:lianxin-recordings): `copy`, never `sync`, so a deletion (or a ransomware's)
# does not reach the backup. rclone's remotes come from its config or RCLONE_CONFIG_<NAME>_* variables
# (TYPE=s3, PROVIDER=Minio, ENDPOINT, ACCESS_KEY_ID, SECRET_ACCESS_KEY): from the secret store, never this file.
# Exit code 0 only if everything asked for was written and checked.

here=$(dirname "$(readlink -f "$0")")
# shellcheck source=pg-common.sh
. "$here/pg-common.sh"

mode=all
case ${1:-} in
  --db-only) mode=db; shift ;;
  --objects-only) mode=objects; shift ;;
esac
(($# == 1)) || die "usage: backup.sh [--db-only | --objects-only] DEST_DIR"
dest=$1
mkdir -p "$dest"

# pg_dump and the row counts see one snapshot: a psql session exports it and stays open (REPEATABLE READ) while
# pg_dump runs with --snapshot, then counts in it. On a busy database the counts are exactly what the dump holds.
backup_db() {
  local stamp file
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  file=$dest/lianxin-$stamp.dump
  coproc PSQL { psql -X -q -At -v ON_ERROR_STOP=1 2>&1; }
  printf 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\nSELECT pg_export_snapshot();\n' >&"${PSQL[1]}"
  local snapshot
  IFS= read -r -t 30 snapshot <&"${PSQL[0]}" || die "no snapshot from PostgreSQL (${PGHOST:-local}/${PGDATABASE})"
  [[ $snapshot =~ ^[0-9A-F-]+$ ]] || die "PostgreSQL: $snapshot"
  say "dumping ${PGDATABASE} (snapshot $snapshot) to $file"
  pg_dump --format=custom --compress=6 --snapshot="$snapshot" --file="$file.part" \
    || die "pg_dump failed"
  # the counts in the same snapshot; a marker line ends them
  printf '%s\nSELECT '"'"'--end--'"'"';\nCOMMIT;\n' "$COUNT_ROWS_SQL" >&"${PSQL[1]}"
  local line counts=()
  while IFS= read -r -t 600 line <&"${PSQL[0]}"; do
    [[ $line == --end-- ]] && break
    [[ $line == *'|'* ]] || die "counting rows: $line"
    counts+=("$line")
  done
  [[ ${line:-} == --end-- ]] || die "counting rows did not finish"
  exec {PSQL[1]}>&-
  wait "$PSQL_PID" 2>/dev/null || true
  printf '%s\n' "${counts[@]}" | LC_ALL=C sort >"$file.counts"
  pg_restore --list "$file.part" >/dev/null || die "the dump cannot be read back: $file.part"
  mv "$file.part" "$file"
  (cd "$dest" && sha256sum "$(basename "$file")" >"$(basename "$file").sha256")
  say "database: $file ($(du -h "$file" | cut -f1), ${#counts[@]} tables)"
  printf '%s\n' "$file"
}

backup_objects() {
  command -v rclone >/dev/null || die "rclone not found (apt-get install rclone)"
  [[ -n ${LIANXIN_BACKUP_S3_SOURCE:-} && -n ${LIANXIN_BACKUP_S3_TARGET:-} ]] \
    || die "LIANXIN_BACKUP_S3_SOURCE and LIANXIN_BACKUP_S3_TARGET (rclone remote:bucket) must be set"
  say "objects: $LIANXIN_BACKUP_S3_SOURCE -> $LIANXIN_BACKUP_S3_TARGET"
  rclone copy --checksum --transfers 8 --log-level NOTICE \
    --log-file "$dest/objects-$(date -u +%Y%m%dT%H%M%SZ).log" \
    "$LIANXIN_BACKUP_S3_SOURCE" "$LIANXIN_BACKUP_S3_TARGET" || die "rclone copy failed"
  rclone check --one-way --size-only "$LIANXIN_BACKUP_S3_SOURCE" "$LIANXIN_BACKUP_S3_TARGET" \
    || die "the backup bucket lacks objects of the source"
}

case $mode in
  db) backup_db ;;
  objects) backup_objects ;;
  all) backup_db; backup_objects ;;
esac
