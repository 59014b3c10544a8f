#!/usr/bin/env bash
# The hyperv backend on a real VMBus: boots ../shared/vmbus-lab (QEMU's VMBus host with a Dynamic
# Memory device bound to uio_hv_generic) and runs DmLabProbe inside it. Needs root (the lab installs
# QEMU from Debian). Expects `mvn verify` (or test-compile) to have built the classes.
# Exit: 0 passed, 1 failed, 3 skipped because the lab cannot run on this machine.
set -uo pipefail
cd "$(dirname "$0")/.."
lab=${VMBUS_LAB_DIR:-../shared/vmbus-lab}
if [ ! -x "$lab/run.sh" ]; then
  echo "lab: SKIPPED: no vmbus-lab at $lab"; exit 3
fi
mkdir -p target
if ! bash "$lab/setup.sh" > target/lab-setup.log 2>&1; then
  echo "lab: SKIPPED: vmbus-lab setup failed on this machine:"; tail -5 target/lab-setup.log; exit 3
fi
jna=$(sed -n 's:.*<jna.version>\(.*\)</jna.version>.*:\1:p' pom.xml)
jspecify=$(sed -n 's:.*<jspecify.version>\(.*\)</jspecify.version>.*:\1:p' pom.xml)
repo=${MAVEN_REPO:-$HOME/.m2/repository}
cp="vmbkmcl-hyperv/target/test-classes:vmbkmcl-hyperv/target/classes:vmbkmcl-api/target/classes"
cp="$cp:$repo/net/java/dev/jna/jna/$jna/jna-$jna.jar:$repo/org/jspecify/jspecify/$jspecify/jspecify-$jspecify.jar"
for f in vmbkmcl-hyperv/target/test-classes/dev/vmbkmcl/hyperv/lab/DmLabProbe.class \
         "$repo/net/java/dev/jna/jna/$jna/jna-$jna.jar"; do
  [ -f "$f" ] || { echo "lab: FAILED: $f is missing; run mvn -B -ntp verify first"; exit 1; }
done
for attempt in 1 2; do
  # The guest sees host paths read-only, but /tmp as an empty tmpfs: share this tree explicitly.
  bash "$lab/run.sh" --timeout 420 --rw "$PWD" -- java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -cp "$cp" dev.vmbkmcl.hyperv.lab.DmLabProbe
  rc=$?
  case $rc in
    0) echo "lab: PASSED"; exit 0 ;;
    124|125) echo "lab: the lab itself failed (exit $rc), attempt $attempt" ;;
    *) echo "lab: FAILED (exit $rc)"; exit 1 ;;
  esac
done
echo "lab: SKIPPED: the lab could not boot twice in a row"; exit 3
