#!/usr/bin/env bash
# The servers the tests talk to, run on loopback with private ports and data under
# <repo>/.test-services/. This machine has no init system, so nothing here goes through
# systemctl or service: each server is started by hand and stopped by its PID file.
#
#   services.sh start   install what is missing, start what is not running, prepare PostgreSQL
#   services.sh stop    stop the servers this script started
#   services.sh env     print the export lines the tests read
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
state="$repo/.test-services"

pg_bin=/usr/lib/postgresql/15/bin
pg_port=55432
pg_database=analytics
influx_port=58086
# InfluxDB always opens a backup/restore RPC listener; it gets a private loopback port too.
influx_rpc_port=58088
vm_port=58428

pg_dir="$state/postgres"
influx_dir="$state/influxdb"
vm_dir="$state/victoria-metrics"

# How long a server may take to answer its probe before start gives up on it.
start_deadline_s=60

fail() {
    local server=$1 message=$2 log=${3:-}
    echo "services.sh: $server: $message" >&2
    if [[ -n $log && -f $log ]]; then
        echo "--- last lines of $log ---" >&2
        tail -n 30 "$log" >&2
    fi
    exit 1
}

# True when the PID in the file is alive and is the program we expect (a recycled PID is not ours).
pid_alive() {
    local pidfile=$1 program=$2 pid
    [[ -f $pidfile ]] || return 1
    pid=$(head -n 1 "$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    # The kernel keeps only the first 15 characters of a program name.
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "${program:0:15}" ]]
}

http_ok() {
    curl -sf -o /dev/null --max-time 2 "$1"
}

# Polls a probe until it succeeds, the deadline passes, or the process behind the PID file dies.
wait_until_ready() {
    local server=$1 pidfile=$2 log=$3
    shift 3
    local deadline=$((SECONDS + start_deadline_s)) pid
    until "$@"; do
        pid=$(head -n 1 "$pidfile" 2>/dev/null || true)
        if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
            fail "$server" "exited during start-up" "$log"
        fi
        ((SECONDS < deadline)) || fail "$server" "not ready after ${start_deadline_s}s" "$log"
        sleep 0.2
    done
}

# Starts a server in its own session, so it outlives the caller's shell and process group,
# and without the lock descriptor, which would otherwise stay held for the server's lifetime.
# The wrapper shell records its own PID and then becomes the server, so the PID file is
# right whether or not the program can write one itself.
spawn() {
    local pidfile=$1 log=$2
    shift 2
    rm -f "$pidfile"
    # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >"$log" 2>&1 9>&- &
}

install_missing() {
    local -a packages=()
    [[ -x $pg_bin/postgres ]] || packages+=(postgresql-15)
    command -v influxd >/dev/null || packages+=(influxdb)
    command -v victoria-metrics >/dev/null || packages+=(victoria-metrics)
    command -v chromium >/dev/null || packages+=(chromium)
    command -v promtool >/dev/null || packages+=(prometheus)
    command -v amtool >/dev/null || packages+=(prometheus-alertmanager)
    command -v curl >/dev/null || packages+=(curl)
    ((${#packages[@]} == 0)) && return 0

    local log="$state/apt.log" attempt
    # A fresh machine has no package lists yet; the lock timeout rides out another apt run,
    # and a second attempt rides out a download or unpack that another session disturbed.
    for attempt in 1 2; do
        if { apt-get update -q &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=600 \
                "${packages[@]}"; } >"$log" 2>&1; then
            return 0
        fi
        ((attempt == 2)) || sleep 5
    done
    fail "apt" "installing ${packages[*]} failed" "$log"
}

pg_ready() {
    "$pg_bin/pg_isready" -q -h "$pg_dir/run" -p "$pg_port" -U postgres
}

pg_psql() {
    "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$pg_dir/run" -p "$pg_port" -U postgres "$@"
}

start_postgres() {
    local data="$pg_dir/data" log="$pg_dir/postgres.log"
    mkdir -p "$pg_dir/run"
    # initdb refuses to run as root, so the cluster belongs to the postgres user.
    chown postgres:postgres "$pg_dir" "$pg_dir/run"
    if [[ ! -f $data/PG_VERSION ]]; then
        runuser -u postgres -- "$pg_bin/initdb" -D "$data" -U postgres -A trust -E UTF8 \
            >"$pg_dir/initdb.log" 2>&1 || fail "postgresql" "initdb failed" "$pg_dir/initdb.log"
    fi
    # postgres writes and removes its own PID file (postmaster.pid) in the data directory.
    # The server must not inherit the lock descriptor (see spawn).
    if ! { pid_alive "$data/postmaster.pid" postgres && pg_ready; }; then
        # Durability is traded for speed: these databases are scratch space for tests. Every grid process keeps a pool
        # of connections, and several test processes may share the server: 300 rather than the default 100.
        runuser -u postgres -- "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t "$start_deadline_s" \
            -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir/run -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
            start >/dev/null 2>&1 9>&- || fail "postgresql" "pg_ctl start failed" "$log"
    fi

    local exists
    exists=$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$pg_database'")
    if [[ $exists != 1 ]]; then
        pg_psql -d postgres -c "CREATE DATABASE $pg_database" >/dev/null 2>"$pg_dir/createdb.log" ||
            fail "postgresql" "creating database $pg_database failed" "$pg_dir/createdb.log"
    fi
    # The scripts are re-runnable, so every start brings an existing database up to date.
    "$repo/deploy/postgres/apply.sh" -h "$pg_dir/run" -p "$pg_port" -U postgres -d "$pg_database" \
        >"$pg_dir/apply.log" 2>&1 || fail "postgresql" "applying deploy/postgres scripts failed" "$pg_dir/apply.log"
}

influx_ready() {
    http_ok "http://127.0.0.1:$influx_port/ping"
}

start_influxdb() {
    local pidfile="$influx_dir/influxd.pid" log="$influx_dir/influxd.log"
    pid_alive "$pidfile" influxd && influx_ready && return 0
    mkdir -p "$influx_dir"
    # Only the HTTP API is opened; graphite, collectd, opentsdb and udp are off by default,
    # and self-monitoring is off so no _internal database grows next to the test data.
    cat >"$influx_dir/influxdb.conf" <<EOF
reporting-disabled = true
bind-address = "127.0.0.1:$influx_rpc_port"

[meta]
  dir = "$influx_dir/meta"

[data]
  dir = "$influx_dir/data"
  wal-dir = "$influx_dir/wal"
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:$influx_port"
  log-enabled = false

[ifql]
  enabled = false
EOF
    spawn "$pidfile" "$log" influxd run -config "$influx_dir/influxdb.conf"
    wait_until_ready "influxdb" "$pidfile" "$log" influx_ready
}

vm_ready() {
    http_ok "http://127.0.0.1:$vm_port/health"
}

start_victoria_metrics() {
    local pidfile="$vm_dir/victoria-metrics.pid" log="$vm_dir/victoria-metrics.log"
    pid_alive "$pidfile" victoria-metrics && vm_ready && return 0
    mkdir -p "$vm_dir/data"
    spawn "$pidfile" "$log" victoria-metrics -httpListenAddr="127.0.0.1:$vm_port" \
        -storageDataPath="$vm_dir/data" -loggerLevel=WARN
    wait_until_ready "victoria-metrics" "$pidfile" "$log" vm_ready
}

# Sends SIGTERM, waits for the process to go, and only then forgets its PID file.
stop_pid() {
    local server=$1 pidfile=$2 program=$3
    pid_alive "$pidfile" "$program" || { rm -f "$pidfile"; return 0; }
    local pid deadline=$((SECONDS + 30))
    pid=$(head -n 1 "$pidfile")
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
        ((SECONDS < deadline)) || fail "$server" "PID $pid did not stop within 30s"
        sleep 0.2
    done
    rm -f "$pidfile"
}

stop_all() {
    if pid_alive "$pg_dir/data/postmaster.pid" postgres; then
        runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
            fail "postgresql" "pg_ctl stop failed" "$pg_dir/postgres.log"
    fi
    stop_pid "influxdb" "$influx_dir/influxd.pid" influxd
    stop_pid "victoria-metrics" "$vm_dir/victoria-metrics.pid" victoria-metrics
}

print_env() {
    echo "export ANALYTICS_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$pg_database'"
    echo "export ANALYTICS_TEST_INFLUXDB='http://127.0.0.1:$influx_port'"
    echo "export ANALYTICS_TEST_VICTORIAMETRICS='http://127.0.0.1:$vm_port'"
}

# One start or stop at a time: two test runs starting together must not both run initdb.
lock() {
    mkdir -p "$state"
    exec 9>"$state/.lock"
    flock 9
}

case ${1:-} in
    start)
        lock
        install_missing
        start_postgres
        start_influxdb
        start_victoria_metrics
        ;;
    stop)
        lock
        stop_all
        ;;
    env)
        print_env
        ;;
    *)
        echo "usage: $0 start|stop|env" >&2
        exit 2
        ;;
esac
