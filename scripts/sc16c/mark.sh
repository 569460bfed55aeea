#!/bin/bash
# sc16c: one measurement mark for ab-changes.sh: label, wall clock (ns), the backend's CPU (ns on a core, from
# /proc/PID/schedstat; the backend's pid in $PIDFILE), the cluster's CPU (10 ms ticks: the postmaster's reaped children
# plus its live children, as java-loader's bench/Cpu.java counts it: parallel workers and autovacuum included) and the
# 1-minute load average.
pid=$(tr -dc 0-9 < "${PIDFILE:-/tmp/sc16c.pid}")
pm=$(awk '{print $2}' < <(sed 's/.*) //' "/proc/$pid/stat"))
cluster=$(sed 's/.*) //' "/proc/$pm/stat" | awk '{print $12 + $13 + $14 + $15}')
for c in $(pgrep -P "$pm"); do
  t=$(sed 's/.*) //' "/proc/$c/stat" 2>/dev/null | awk '{print $12 + $13}') && cluster=$((cluster + ${t:-0}))
done
echo "MARK $1 $2 $(date +%s%N) $(cut -d' ' -f1 "/proc/$pid/schedstat") $cluster $(cut -d' ' -f1 /proc/loadavg)"
