#!/usr/bin/env bash
# Applies this folder's scripts in file-name order. The arguments go to psql unchanged
# (for example: -h 127.0.0.1 -p 5432 -U postgres -d analytics). The scripts are
# re-runnable, so applying them to a database that already has them only updates it.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
psql_bin=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)

# Re-runs announce every object that already exists; only warnings and errors are news.
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

for script in "$here"/[0-9][0-9]-*.sql; do
    # One transaction per script: a script that fails leaves nothing half-applied.
    "$psql_bin" -X -q -v ON_ERROR_STOP=1 --single-transaction -f "$script" "$@"
done
