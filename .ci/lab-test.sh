#!/usr/bin/env bash
# The hyperv backend and the samples on a real VMBus: boots ../shared/vmbus-lab (QEMU's VMBus host
# with a Dynamic Memory device bound to uio_hv_generic) once and runs .ci/lab-guest.sh inside it
# (lsvmbus, DmLabProbe, the balloon sample answering a balloon request that .ci/lab-host-hook.sh
# makes the host send). Needs root (the lab installs QEMU from Debian). Expects `mvn verify` (or
# test-compile) to have built the classes.
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
version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
repo=${MAVEN_REPO:-$HOME/.m2/repository}
# Jars, not class folders: the guest reads this tree over 9p, where every class looked up in a
# folder costs a file lookup. Only DmLabProbe comes from a folder, placed last.
cp=()
for m in samples vmbkmcl-hyperv vmbkmcl-sim vmbkmcl-api; do cp+=("$m/target/$m-$version.jar"); done
cp+=("$repo/net/java/dev/jna/jna/$jna/jna-$jna.jar" "$repo/org/jspecify/jspecify/$jspecify/jspecify-$jspecify.jar")
for f in "${cp[@]}" vmbkmcl-hyperv/target/test-classes/dev/vmbkmcl/hyperv/lab/DmLabProbe.class; do
  [ -f "$f" ] || { echo "lab: FAILED: $f is missing; run mvn -B -ntp verify first"; exit 1; }
done
cp+=(vmbkmcl-hyperv/target/test-classes)
# The hook learns where the guest's results go (the lifecycle check's flag files) from a line put
# in front of it: the lab runs hooks from a copy, with only the QMP socket in their environment.
mkdir -p target/lab-out
rm -f target/lab-out/lifecycle.* target/lab-out/device_*.txt
{ printf 'LAB_OUT=%q\n' "$PWD/target/lab-out"; cat .ci/lab-host-hook.sh; } > target/lab-host-hook.sh
for attempt in 1 2; do
  # The guest sees host paths read-only, but /tmp as an empty tmpfs: share this tree explicitly.
  # --mem pins the guest memory the balloon check's page count is computed from.
  bash "$lab/run.sh" --timeout 720 --mem 1024 --rw "$PWD" --host-hook target/lab-host-hook.sh \
    -- bash .ci/lab-guest.sh "$(IFS=:; echo "${cp[*]}")"
  rc=$?
  case $rc in
    0) echo "lab: PASSED"
       # The balloon check's capture of the real host's session (--trace), decoded here rather
       # than in the slow guest. vmbkmcl's LabReplayTest replays a copy of one such capture
       # (samples/src/test/resources/dev/vmbkmcl/samples/lab-balloon.pcapng) offline.
       trace=target/lab-out/balloon.pcapng
       java -cp "$(IFS=:; echo "${cp[*]}")" dev.vmbkmcl.samples.Main trace show "$trace" \
         > target/lab-out/balloon-trace.txt 2>&1
       for want in '\| dm version_request .*version=2\.0' '\| dm version_response .*accepted=1' \
           '\| dm balloon_request .*pages=131072' 'guest out inband .*\| dm balloon_response .*ranges=0'; do
         grep -qE -- "$want" target/lab-out/balloon-trace.txt \
           || { echo "lab: FAILED: the capture $trace lacks a packet matching '$want'"; exit 1; }
       done
       echo "lab: PASS the balloon session's capture decodes (trace show $trace)"
       exit 0 ;;
    125) echo "lab: the lab itself failed (exit 125), attempt $attempt" ;;
    124) echo "lab: FAILED: the checks did not finish within 720 s"; exit 1 ;;
    *) echo "lab: FAILED (exit $rc)"; exit 1 ;;
  esac
done
echo "lab: SKIPPED: the lab could not boot twice in a row"; exit 3
