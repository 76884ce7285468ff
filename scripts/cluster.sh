#!/usr/bin/env bash
# make cluster [DB=b2b_demo] [PORT=8080]: the scaled-out installation, on this one machine:
#   - a PostgreSQL streaming replica of the project's server (pg_basebackup) on REPLICA_PORT
#     (default 5442), data in .state/replica;
#   - two Odoo nodes, prefork with 2 HTTP workers and the gevent worker each, on PORT+1 and
#     PORT+3 (gevent PORT+2, PORT+4), sharing the database and the data_dir (filestore,
#     sessions) and reading the routes declared readonly=True from the replica;
#   - nginx on 127.0.0.1:PORT balancing the requests between the nodes.
# scripts/cluster.sh start|stop|status. The nodes log to .state/cluster/node-*.log.
#
# The primary needs wal_level = replica (PostgreSQL's default) and max_wal_senders > 0 (the
# default is 10). The replica logs in with a role "b2b_replicator" (LOGIN REPLICATION), and
# when the primary's pg_hba.conf has no "host replication" line for 127.0.0.1, this script
# appends "host replication b2b_replicator 127.0.0.1/32 trust" and reloads it: both once,
# needing a superuser login (the local server's trust) and, for the file, root.
. "$(dirname "$0")/common.sh"
. "$ROOT/scripts/proxy.sh"

ACTION=${1:-start}
CLUSTER="$STATE/cluster"
REPLICA="$STATE/replica"
REPLICATOR=b2b_replicator
mkdir -p "$CLUSTER"

# --- PostgreSQL: the primary and its streaming replica ------------------------------------
super_role=""
pg_super() {  # psql on the primary as a superuser
    local role
    if [ -z "$super_role" ]; then
        for role in postgres "$PGUSER" "$(id -un)"; do
            if [ "$(PGCONNECT_TIMEOUT=3 psql -X -q -h "$PGHOST" -p "$PGPORT" -U "$role" -d postgres \
                    -Atc "SELECT rolsuper FROM pg_roles WHERE rolname = current_user" 2>/dev/null)" = t ]; then
                super_role=$role
                break
            fi
        done
        [ -n "$super_role" ] || die "no superuser login to PostgreSQL at $PGHOST:$PGPORT, needed once to allow replication"
    fi
    psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U "$super_role" -d postgres "$@"
}

as_postgres=()
[ "$(id -u)" = 0 ] && as_postgres=(runuser -u postgres --)

pg_bin() {
    local major
    major=$(psql -X -q -d postgres -Atc "SELECT current_setting('server_version_num')::int / 10000")
    if [ -x "/usr/lib/postgresql/$major/bin/pg_ctl" ]; then
        echo "/usr/lib/postgresql/$major/bin"
    else
        dirname "$(command -v pg_ctl || command -v pg_basebackup)"
    fi
}

replica_psql() {
    psql -X -q -h 127.0.0.1 -p "$REPLICA_PORT" -U "$PGUSER" -d postgres "$@"
}

replica_streaming() {  # the replica is in recovery and the primary streams to it
    [ "$(replica_psql -Atc "SELECT pg_is_in_recovery()" 2>/dev/null)" = t ] \
        && [ "$(pg_super -Atc "SELECT count(*) FROM pg_stat_replication
                                WHERE usename = '$REPLICATOR' AND state = 'streaming'")" -gt 0 ]
}

wait_streaming() {
    for _ in $(seq "$1"); do
        replica_streaming && return 0
        sleep 1
    done
    return 1
}

allow_replication() {
    [ "$(pg_super -Atc "SHOW wal_level")" != minimal ] \
        || die "the primary has wal_level = minimal: set it to replica in postgresql.conf and restart PostgreSQL"
    [ "$(pg_super -Atc "SHOW max_wal_senders")" -gt 0 ] \
        || die "the primary has max_wal_senders = 0: set it to 10 in postgresql.conf and restart PostgreSQL"
    pg_super -c "DO \$\$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$REPLICATOR') THEN
            CREATE ROLE $REPLICATOR LOGIN REPLICATION;
        END IF; END \$\$" >/dev/null
    local rules hba line="host replication $REPLICATOR 127.0.0.1/32 trust"
    rules=$(pg_super -Atc "SELECT count(*) FROM pg_hba_file_rules
                            WHERE 'replication' = ANY(database) AND address = '127.0.0.1'
                              AND ('$REPLICATOR' = ANY(user_name) OR 'all' = ANY(user_name))")
    if [ "$rules" = 0 ]; then
        hba=$(pg_super -Atc "SHOW hba_file")
        [ -w "$hba" ] || die "replication is not allowed: add '$line' to $hba and reload PostgreSQL"
        info "allowing replication connections of $REPLICATOR from 127.0.0.1 in $hba"
        printf '# the streaming replica of make cluster (scripts/cluster.sh)\n%s\n' "$line" >>"$hba"
        pg_super -Atc "SELECT pg_reload_conf()" >/dev/null
    fi
}

replica_start() {
    local bin setting
    bin=$(pg_bin)
    if pg_isready -q -h 127.0.0.1 -p "$REPLICA_PORT"; then
        replica_streaming || die "something else answers on port $REPLICA_PORT; choose REPLICA_PORT=..."
        info "replica already streaming on 127.0.0.1:$REPLICA_PORT"
        return
    fi
    port_is_free "$REPLICA_PORT" || die "port $REPLICA_PORT is taken; choose REPLICA_PORT=..."
    if [ -f "$REPLICA/data/standby.signal" ]; then
        "${as_postgres[@]}" "$bin/pg_ctl" -D "$REPLICA/data" -l "$REPLICA/server.log" -w -t 60 \
            -o "-p $REPLICA_PORT" start >/dev/null || true
        # A replica stopped for long may miss WAL the primary no longer keeps: copy anew then.
        wait_streaming 20 && { info "replica streaming on 127.0.0.1:$REPLICA_PORT"; return; }
        info "the replica in $REPLICA cannot catch up; copying the primary again"
        "${as_postgres[@]}" "$bin/pg_ctl" -D "$REPLICA/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    allow_replication
    rm -rf "$REPLICA"
    mkdir -p "$REPLICA"
    [ ${#as_postgres[@]} -eq 0 ] || chown postgres "$REPLICA"
    info "copying the primary $PGHOST:$PGPORT into $REPLICA/data with pg_basebackup ($(psql -X -q -d postgres -Atc \
        "SELECT pg_size_pretty(sum(pg_database_size(datname))) FROM pg_database"))"
    "${as_postgres[@]}" "$bin/pg_basebackup" -h "$PGHOST" -p "$PGPORT" -U "$REPLICATOR" \
        -D "$REPLICA/data" -X stream -R -c fast \
        || die "pg_basebackup failed"
    # A hot standby needs these at least as high as on its primary.
    {
        echo "# Generated by scripts/cluster.sh: a hot standby of $PGHOST:$PGPORT"
        echo "port = $REPLICA_PORT"
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = '$REPLICA'"
        echo "hot_standby = on"
        echo "hot_standby_feedback = on"
        echo "wal_receiver_status_interval = 1s"
        echo "max_standby_streaming_delay = 30s"
        echo "shared_buffers = 128MB"
        for setting in max_connections max_worker_processes max_wal_senders \
                max_prepared_transactions max_locks_per_transaction; do
            echo "$setting = $(psql -X -q -d postgres -Atc "SHOW $setting")"
        done
    } >"$REPLICA/data/postgresql.conf"
    printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$REPLICA/data/pg_hba.conf"
    [ ${#as_postgres[@]} -eq 0 ] || chown postgres "$REPLICA/data/postgresql.conf" "$REPLICA/data/pg_hba.conf"
    "${as_postgres[@]}" "$bin/pg_ctl" -D "$REPLICA/data" -l "$REPLICA/server.log" -w -t 120 start >/dev/null \
        || die "the replica did not start; see $REPLICA/server.log"
    wait_streaming 30 || die "the replica does not stream from the primary; see $REPLICA/server.log"
    info "replica streaming on 127.0.0.1:$REPLICA_PORT"
}

replica_stop() {
    [ -f "$REPLICA/data/postmaster.pid" ] || return 0
    "${as_postgres[@]}" "$(pg_bin)/pg_ctl" -D "$REPLICA/data" -m fast -w stop >/dev/null 2>&1 || true
}

# --- Odoo nodes ---------------------------------------------------------------------------
odoo_start() {  # name niceness [option...]: one Odoo process of the cluster on $DB
    local name=$1 niceness=$2
    shift 2
    rm -f "$CLUSTER/$name.pid"
    # setsid: the processes outlive this script (and a Ctrl-C in its terminal).
    setsid nice -n "$niceness" "$(odoo_python)" "$ODOO_BIN" -c "$CLUSTER/odoo.conf" -d "$DB" \
        --db-filter="^$DB\$" --smtp=127.0.0.1 --smtp-port="$(cat "$CLUSTER/mail-sink.port")" \
        --pidfile="$CLUSTER/$name.pid" --logfile="$CLUSTER/$name.log" "$@" \
        </dev/null >/dev/null 2>&1 &
}

node_start() {  # name http_port gevent_port
    port_is_free "$2" || die "port $2 is taken; choose another PORT=..."
    port_is_free "$3" || die "port $3 is taken; choose another PORT=..."
    odoo_start "$1" 0 --http-port="$2" --gevent-port="$3"
}

cron_start() {  # the scheduled jobs: one process for the cluster, at a lower CPU priority
    odoo_start cron 10 --no-http --workers=0 --max-cron-threads=1
}

wait_healthy() {  # name url
    for _ in $(seq 240); do
        curl -fs "$2/web/health" >/dev/null 2>&1 && return 0
        sleep 0.5
    done
    die "$1 did not answer on $2; see $CLUSTER/$1.log"
}

stop_pidfile() {
    local pid
    pid=$(cat "$1" 2>/dev/null || true)
    if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
        for _ in $(seq 40); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.25
        done
    fi
    rm -f "$1"
}

cluster_stop() {
    load_pg_env
    proxy_stop "$CLUSTER"
    stop_pidfile "$CLUSTER/node-a.pid"
    stop_pidfile "$CLUSTER/node-b.pid"
    stop_pidfile "$CLUSTER/cron.pid"
    stop_pidfile "$CLUSTER/mail-sink.pid"
    replica_stop
    rm -f "$CLUSTER/cluster.env"
}

cluster_start() {
    "$ROOT/scripts/setup.sh"
    load_pg_env
    DB=${DB:-b2b_demo}
    PORT=${PORT:-8080}
    REPLICA_PORT=${REPLICA_PORT:-5442}
    [ ! -f "$CLUSTER/cluster.env" ] || die "the cluster is running (see $CLUSTER/cluster.env); run 'scripts/cluster.sh stop' first"
    db_is_complete "$DB" || { db_exists "$DB" && drop_db "$DB"; "$ROOT/scripts/create_db.sh" "$DB"; }

    replica_start

    addons_path=$(sed -n 's/^addons_path = //p' "$STATE/odoo.dev.conf")
    sed -e "s#@ADDONS_PATH@#$addons_path#" -e "s#@DATA_DIR@#$STATE/data#" \
        -e "s#@DB_HOST@#$PGHOST#" -e "s#@DB_PORT@#$PGPORT#" -e "s#@DB_USER@#$PGUSER#" \
        -e "s#@REPLICA_HOST@#127.0.0.1#" -e "s#@REPLICA_PORT@#$REPLICA_PORT#" \
        "$ROOT/config/odoo.cluster.conf" >"$CLUSTER/odoo.conf"

    rm -f "$CLUSTER/mail-sink.port"
    setsid "$(odoo_python)" "$ROOT/scripts/mail_sink.py" --dir "$STATE/mail" --port 0 \
        --port-file "$CLUSTER/mail-sink.port" </dev/null >"$CLUSTER/mail-sink.log" 2>&1 &
    echo $! >"$CLUSTER/mail-sink.pid"
    for _ in $(seq 50); do
        [ -s "$CLUSTER/mail-sink.port" ] && break
        sleep 0.1
    done
    [ -s "$CLUSTER/mail-sink.port" ] || die "the mail sink did not start; see $CLUSTER/mail-sink.log"

    # Both nodes and the proxy are on loopback: wkhtmltopdf fetches the report CSS from node A.
    set_report_url "$DB" "http://127.0.0.1:$((PORT + 1))"
    node_start node-a $((PORT + 1)) $((PORT + 2))
    node_start node-b $((PORT + 3)) $((PORT + 4))
    cron_start
    wait_healthy node-a "http://127.0.0.1:$((PORT + 1))"
    wait_healthy node-b "http://127.0.0.1:$((PORT + 3))"
    proxy_start "$CLUSTER" "$PORT" "127.0.0.1:$((PORT + 1)) 127.0.0.1:$((PORT + 3))" \
        "127.0.0.1:$((PORT + 2)) 127.0.0.1:$((PORT + 4))"
    cat >"$CLUSTER/cluster.env" <<EOF
CLUSTER_URL=http://127.0.0.1:$PORT
NODE_A_URL=http://127.0.0.1:$((PORT + 1))
NODE_B_URL=http://127.0.0.1:$((PORT + 3))
CLUSTER_DB=$DB
PRIMARY_HOST=$PGHOST
PRIMARY_PORT=$PGPORT
REPLICA_HOST=127.0.0.1
REPLICA_PORT=$REPLICA_PORT
PGUSER=$PGUSER
EOF
    info "cluster up: http://127.0.0.1:$PORT (nginx) -> node A :$((PORT + 1)), node B :$((PORT + 3)); replica 127.0.0.1:$REPLICA_PORT"
    info "logs: $CLUSTER/node-a.log $CLUSTER/node-b.log $CLUSTER/nginx-access.log; stop: scripts/cluster.sh stop"
}

cluster_status() {
    [ -f "$CLUSTER/cluster.env" ] || { echo "cluster: stopped"; return; }
    cat "$CLUSTER/cluster.env"
    local name
    for name in node-a node-b mail-sink; do
        if kill -0 "$(cat "$CLUSTER/$name.pid" 2>/dev/null || echo 0)" 2>/dev/null; then
            echo "$name: running"
        else
            echo "$name: not running"
        fi
    done
    kill -0 "$(cat "$CLUSTER/nginx.pid" 2>/dev/null || echo 0)" 2>/dev/null && echo "nginx: running" || echo "nginx: not running"
}

case "$ACTION" in
    start) cluster_start ;;
    stop) cluster_stop ;;
    status) cluster_status ;;
    *) die "usage: scripts/cluster.sh [start|stop|status]" ;;
esac
