#!/usr/bin/env bash
# The whole grid on this machine with the embedded defaults: one silo (which starts an in-memory Kafka),
# and the API serving the dashboard, the query API and the Orleans dashboard on http://127.0.0.1:5000.
# Ctrl+C stops both. Settings come from the environment (for example Kafka__BootstrapServers=...).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
run="$repo/.run"
mkdir -p "$run"
url=${ANALYTICS_URL:-http://127.0.0.1:5000}

if [[ -f Dashboard/package.json && ! -f Dashboard/dist/index.html ]]; then
    (cd Dashboard && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build)
fi
if [[ ! -d Enrichment/data/node_modules ]]; then
    (cd Enrichment/data && npm ci --no-audit --no-fund --loglevel=error)
fi
dotnet build Silo/Silo.csproj -c Release -nologo -clp:ErrorsOnly
dotnet build Api/Api.csproj -c Release -nologo -clp:ErrorsOnly

pids=()
stop() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop EXIT INT TERM

address="$run/kafka-address"
rm -f "$address"
if [[ -z ${Kafka__BootstrapServers:-} ]]; then
    export Kafka__EmbeddedAddressFile="$address"
fi
# The embedded event store (breakdowns, visitors) keeps its file with the run's other files.
export EventStore__DuckDbPath="${EventStore__DuckDbPath:-$run/events.duckdb}"
dotnet Silo/bin/Release/net10.0/Silo.dll --contentRoot "$repo/Silo" &
pids+=($!)

if [[ -z ${Kafka__BootstrapServers:-} ]]; then
    for _ in $(seq 120); do [[ -s $address ]] && break; sleep 0.5; done
    [[ -s $address ]] || { echo "run.sh: the silo did not start its embedded Kafka" >&2; exit 1; }
    export Kafka__BootstrapServers=$(cat "$address")
fi

ASPNETCORE_URLS="$url" Dashboard__Path="$repo/Dashboard/dist" dotnet Api/bin/Release/net10.0/Api.dll --contentRoot "$repo/Api" &
pids+=($!)

for _ in $(seq 120); do curl -fs "$url/health/live" >/dev/null 2>&1 && break; sleep 0.5; done
cat <<EOT

  The grid is running.
    Dashboard         $url/
    Orleans dashboard $url/orleans
    Query API docs    $url/scalar
    Send events       curl -X POST $url/api/events -H 'content-type: application/json' \\
                        -d '{"id":"e1","type":"page_view","site":"shop.example.com","visitor":"v1","url":"https://shop.example.com/"}'
  Ctrl+C stops it.

EOT
wait -n "${pids[@]}"
