# Shared by backup.sh, restore.sh and restore-drill.sh (sourced, not run). PostgreSQL is reached the libpq way:
# PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass (never a password on a command line), PGDATABASE (default
# lianxin). With Patroni, PGHOST lists every member and PGTARGETSESSIONATTRS=read-write picks the primary (or
# point at a replica to take the dump off the primary: pg_dump is read-only).

set -euo pipefail
export PGDATABASE=${PGDATABASE:-lianxin}
export PGAPPNAME=${PGAPPNAME:-lianxin-backup}

say() { printf '%s %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }
die() { say "ERROR: $*"; exit 2; }

for tool in psql pg_dump pg_restore; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install postgresql-client)"
done

# The query that prints "schema.table|rows" for every table of the database it runs in, one a line, sorted; psql's
# \gexec runs the statements it generates. Exact counts (count(*)), not the planner's estimates.
COUNT_ROWS_SQL="SELECT format('SELECT %L || ''|'' || count(*) FROM %I.%I', n.nspname || '.' || c.relname, n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
  ORDER BY n.nspname, c.relname
\\gexec"

# Row counts of every table of database $1 into file $2.
count_rows() {
  printf '%s\n' "$COUNT_ROWS_SQL" | psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" | LC_ALL=C sort >"$2"
}

# Compares two count files; prints each table with both counts; returns 1 if any differs or is missing on one side.
compare_counts() {
  local a=$1 b=$2 label_a=$3 label_b=$4
  LC_ALL=C join -t '|' -a 1 -a 2 -e MISSING -o 0,1.2,2.2 "$a" "$b" | awk -F'|' -v la="$label_a" -v lb="$label_b" '
    BEGIN { printf "%-48s %12s %12s\n", "table", la, lb }
    { ok = ($2 == $3 && $2 != "MISSING"); bad += !ok
      printf "%-48s %12s %12s  %s\n", $1, $2, $3, ok ? "ok" : "DIFFERENT" }
    END { printf "%d tables, %d different\n", NR, bad; exit bad > 0 }'
}
