#!/usr/bin/env bash
# Three machines on this one (ThreeMachinesIT): four network namespaces, each a "host" with an address of its
# own, linked by a bridge, all inside a network and a mount namespace of their own, so nothing here touches the
# machine's interfaces and nothing outlives the test:
#
#   server       10.27.0.1    the list-lines server
#   generator-a  10.27.0.11   a load generator
#   generator-b  10.27.0.12   a load generator
#   prometheus   10.27.0.2    Prometheus, scraping the other three
#
# Run as root: unshare --net --mount bash three-hosts.sh [SECONDS]
# It prints "hosts up PID" once the hosts are linked, then waits for its standard input to close (the test is
# done with the hosts, or its JVM is gone) or for SECONDS (default 120), whichever comes first; meanwhile the test
# runs each program on its host with
#   nsenter --target PID --net --mount ip netns exec HOST PROGRAM...
# On its way out it kills every process left on the four hosts; the namespaces go with the last of them (their
# names live in this script's own mount namespace, on a /run of its own).
set -euo pipefail
declare -A address=([server]=10.27.0.1 [generator-a]=10.27.0.11 [generator-b]=10.27.0.12 [prometheus]=10.27.0.2)

cleanup() {
    local host pids
    for host in "${!address[@]}"; do
        pids=$(ip netns pids "$host" 2>/dev/null || true)
        [[ -z $pids ]] || kill -KILL $pids 2>/dev/null || true
    done
}
trap cleanup EXIT

# ip netns names a namespace by a file under /run/netns: a /run of our own keeps them from the machine's.
mount -t tmpfs -o size=1m,mode=0755 three-hosts /run

ip link set lo up
ip link add hosts type bridge
ip link set hosts type bridge forward_delay 0
ip link set hosts up
for host in "${!address[@]}"; do
    ip netns add "$host"
    # one veth pair a host: "eth0" on the host, its peer (named after the host) a port of the bridge
    ip link add "$host" type veth peer name eth0 netns "$host"
    ip link set "$host" master hosts up
    ip -n "$host" link set lo up
    ip -n "$host" addr add "${address[$host]}/24" dev eth0
    ip -n "$host" link set eth0 up
done

echo "hosts up $$"
read -r -t "${1:-120}" || true
