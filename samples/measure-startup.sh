#!/usr/bin/env bash
# Measures how long each sample takes from process start to its first line of output, through the
# launcher samples/vmbkmcl (the runnable jar; built first if stale, which is not measured).
# Usage: samples/measure-startup.sh [runs per sample, default 10]
# Prints min / median / max in milliseconds per sample and the load average before and after.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
runs=${1:-10}
launcher=$here/vmbkmcl

"$launcher" --help >/dev/null   # builds the jar when it is missing or stale; not timed
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $runs runs each"
printf '%-10s %8s %8s %8s\n' sample min median max
for sample in heartbeat balloon echo lsvmbus fcopy; do
  times=()
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    # The clock is read when the first line arrives; the rest of the output is drained.
    first=$("$launcher" "$sample" | { IFS= read -r _; date +%s%N; cat >/dev/null; })
    times+=($(((first - start) / 1000000)))
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-10s %8s %8s %8s\n' "$sample" "${sorted[0]}" "${sorted[$((runs / 2))]}" "${sorted[$((runs - 1))]}"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
