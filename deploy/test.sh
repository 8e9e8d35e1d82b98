#!/usr/bin/env bash
# Every test of the repository, as CI runs it. Installs and starts what the tests talk to when it is
# missing (PostgreSQL, InfluxDB, VictoriaMetrics on loopback; Chromium, promtool and amtool), builds and tests the
# dashboard, then runs each test project in turn. Servers stay up for the next run; stop them with
# deploy/local/services.sh stop.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

deploy/local/services.sh start
eval "$(deploy/local/services.sh env)"

# The dashboard's own tests (type checks, the tracker and the page in Chromium against a fake grid and hub)
# build it too; the API serves that build in the end-to-end tests.
(cd Dashboard && npm ci --no-audit --no-fund --loglevel=error && npm test --silent)

# The data sets the enrichment library loads (user agents, crawlers, referrers) are npm packages; the build copies them.
(cd Enrichment/data && npm ci --no-audit --no-fund --loglevel=error)
dotnet build Analytics.sln -c Release -nologo -clp:ErrorsOnly
# One test project at a time: they start clusters and servers, and this machine has two cores.
dotnet test Analytics.sln -c Release --no-build -m:1 --logger "console;verbosity=minimal" --results-directory TestResults "$@"
