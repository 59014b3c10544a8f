#!/usr/bin/env bash
# Runs the vmbkmcl benchmark suite (issues 7, 12, 16): builds the shaded benchmarks.jar and the C
# peer, runs every SDK benchmark beside its Agrona and C peers under the same wake-up and consumer
# policy, with the GC, context-switch and C-latency profilers, then writes
# benchmarks/results/results.md and prints it.
#
#   benchmarks/run.sh            short defaults (under 12 minutes on 2 cores)
#   benchmarks/run.sh --full     every payload, ring and policy; long warm-up, 2 forks (publishing)
#   benchmarks/run.sh --smoke    one short iteration per benchmark and policy (CI, under 3 minutes)
#
# Environment: VMBKMCL_BUILD_DIR (default target) is the build folder of every module, as
# -Dvmbkmcl.buildDir; JAVA (default java) runs the suite; MVN_ARGS adds Maven options (e.g. -o).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
mode=default
for arg in "$@"; do
  case "$arg" in
    --full) mode=full ;;
    --smoke) mode=smoke ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $arg (use --full, --smoke or nothing)" >&2; exit 2 ;;
  esac
done
build_dir="${VMBKMCL_BUILD_DIR:-target}"
out="$here/$build_dir"
java_cmd="${JAVA:-java}"

echo "== building benchmarks.jar (mvn package, tests skipped)"
# shellcheck disable=SC2086 # MVN_ARGS is a list of options
(cd "$root" && mvn -B -q -ntp ${MVN_ARGS:-} -Dvmbkmcl.buildDir="$build_dir" -pl benchmarks -am \
  package -DskipTests)

library="$out/native/libvmbring.so"
if command -v gcc >/dev/null 2>&1; then
  echo "== building the C peer with gcc -O2"
  mkdir -p "$out/native"
  gcc -O2 -shared -fPIC -pthread -o "$library" "$here/src/main/c/vmbring.c"
else
  echo "== gcc not found: the C peer is skipped (its columns will read '—')"
  rm -f "$library"
fi

echo "== running the suite ($mode)"
"$java_cmd" -Dvmbkmcl.cpeer="$library" -cp "$out/benchmarks.jar" dev.vmbkmcl.benchmarks.Suite \
  --mode "$mode" --out "$here/results"
