#!/usr/bin/env bash
# Replaces a running list-lines server by a new one on the same port while the load generator
# keeps starting sessions, as an operator would restart it without refusing anyone: start the
# new server with --reuse-port beside the old one, then SIGTERM the old one. Just before the
# SIGTERM the old server is paused for half a second (SIGSTOP, as a long GC pause or a busy
# machine would): connections keep arriving and the kernel queues its share on the old server's
# listeners, so they hold connections when they close, which is what the sysctl is about. (A
# server that accepts as fast as they come leaves one or two queued, and a test that passes
# either way.)
#
# Run in a network namespace of its own (unshare -n), where the sysctl can be set without touching
# the machine: replace_server.sh ROOT MIGRATE DIR SERVER [SERVER_ARGS...]
#   ROOT     the project, whose launchers (bin/SERVER, bin/netty-client) run the programs as shipped
#   MIGRATE  net.ipv4.tcp_migrate_req: 1 moves connections still queued on the closing listener to
#            the other one (Linux 5.14+); 0 (Linux's default) resets them.
#   DIR      where the logs and the generator's JSON report (load.json) go.
#   SERVER   netty-server or threaded-server
# Prints nothing on success but the generator's report; exits non-zero if a step fails.
set -euo pipefail
root=$1 migrate=$2 dir=$3 server=$4
shift 4
export LISTLINES_AOT=off  # two servers at once: no class-data cache written meanwhile
port=27277
ip link set lo up
sysctl -qw net.ipv4.tcp_migrate_req="$migrate"

server_pid=
start_server() {  # $1: log name, then the server's own flags; sets server_pid once it listens
    local log=$1 i
    shift
    "$root/bin/$server" --host 127.0.0.1 --port "$port" --reuse-port --quiet \
        --grace 10 --stats-interval 0 "$@" >"$dir/$log" 2>&1 &
    server_pid=$!
    for ((i = 0; i < 400; i++)); do
        grep -q "Listening on" "$dir/$log" 2>/dev/null && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.05
    done
    echo "the server ($log) did not listen: $(tail -3 "$dir/$log")" >&2
    return 1
}

start_server old-server.log "$@"
old=$server_pid
"$root/bin/netty-client" load --target "127.0.0.1:$port" --rate 2000 --sessions 0 \
    --duration 10 -c 1000 --timeout 5 --no-progress --json "$dir/load.json" >"$dir/load.log" 2>&1 &
load=$!
sleep 3
start_server new-server.log "$@"
new=$server_pid
sleep 1
kill -STOP "$old"
sleep 0.5
kill -TERM "$old"
kill -CONT "$old"
wait "$old" || { echo "the old server exited with status $?" >&2; exit 1; }
wait "$load" || true   # 1 when a session failed: the report says which
kill -TERM "$new"
wait "$new" || { echo "the new server exited with status $?" >&2; exit 1; }
cat "$dir/load.json"
