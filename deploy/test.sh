#!/usr/bin/env bash
# Every test of the repository, as CI runs it. Installs and starts what the tests talk to when it is
# missing (PostgreSQL, InfluxDB, VictoriaMetrics on loopback; Chromium and promtool), builds the
# dashboard, then runs each test project in turn. Servers stay up for the next run; stop them with
# deploy/local/services.sh stop.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

deploy/local/services.sh start
eval "$(deploy/local/services.sh env)"

if [[ -f Dashboard/package.json ]]; then
    (cd Dashboard && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build)
fi

dotnet build Analytics.sln -c Release -nologo -clp:ErrorsOnly
# One test project at a time: they start clusters and servers, and this machine has two cores.
dotnet test Analytics.sln -c Release --no-build -m:1 --logger "console;verbosity=minimal" --results-directory TestResults "$@"
