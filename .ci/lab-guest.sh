#!/usr/bin/env bash
# Runs INSIDE the vmbus-lab guest (started by .ci/lab-test.sh): QEMU's VMBus host offers one Dynamic
# Memory device, bound to uio_hv_generic as /dev/uio0. Ten checks, in one boot:
#   1. lsvmbus --backend hyperv shows that device bound to uio_hv_generic, with its rings;
#   2. DmLabProbe (vmbkmcl-hyperv) negotiates DM 2.0 and capabilities with bare Vmbkmcl calls;
#   2c. DmLabProbe --gpadls maps both kernel-made GPADLs (recv:/send: maps) through
#      VmbChannelGetSystemAddressForGpadl and checks a pattern against a second mapping; lsvmbus
#      shows their handles;
#   2b. DmLabProbe --monitor-id 37 does it again as if the channel had a monitor (QEMU never
#      offers one): the backend maps the kernel's monitor page (uio map 2) and sets bit 5 of its
#      u32 at byte 16 on each signal, which the probe reads back;
#   3. balloon --backend hyperv reopens the device after the probe closed it, negotiates, reports
#      capabilities and status, and answers the balloon request that .ci/lab-host-hook.sh makes the
#      host send (guest memory 1024 MiB, target 512 MiB: 131072 pages);
#      It records its session with --trace into target/lab-out/balloon.pcapng, which lab-test.sh
#      decodes after the boot (a second JVM in this TCG guest would cost a minute).
#   4. heartbeat --backend hyperv, whose device this VM lacks, fails with one line naming it;
#   5. balloon run as user nobody, with /dev/uio0 at its default mode 0600, fails with
#      STATUS_ACCESS_DENIED and the chown command;
#   6. balloon with the device unbound from uio_hv_generic fails with STATUS_INVALID_DEVICE_STATE
#      and the bind commands; pasting the printed commands binds it again (lsvmbus shows it).
#   7. DmLabProbe --lifecycle: the host removes the device (QMP device_del by the host hook), the
#      driver sees the rescind, the host adds it again and the same channel, enabled again with
#      an offer wait, negotiates again (skipped, with QEMU's answer, if QEMU refuses to unplug).
# Prints one PASS/FAIL line per check and "N passed, N failed"; exits 0 only if all passed.
# Usage: lab-guest.sh CLASSPATH
set -uo pipefail
cd "$(dirname "$0")/.."
java=(java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$1")
out=target/lab-out
mkdir -p "$out"
passed=0 failed=0
started=$SECONDS

# check NAME FILE EXIT WANTED-EXIT EXPECTED-LINE... : the command's exit status, and each expected
# line present as a whole line: a fixed string, or an extended regular expression when it starts
# with "re:".
check() {
  local name=$1 file=$2 rc=$3 want=$4; shift 4
  local missing=()
  for line in "$@"; do
    if [[ $line == re:* ]]; then grep -qxE -- "${line#re:}" "$file"; else grep -qxF -- "$line" "$file"; fi \
      || missing+=("$line")
  done
  local took="$((SECONDS - started)) s"
  started=$SECONDS
  if [ "$rc" -eq "$want" ] && [ ${#missing[@]} -eq 0 ]; then
    echo "PASS $name ($took)"; passed=$((passed + 1))
  else
    echo "FAIL $name (exit $rc, $took)"; failed=$((failed + 1))
    for line in "${missing[@]}"; do echo "  missing line: $line"; done
  fi
}

echo "--- lsvmbus --backend hyperv"
"${java[@]}" dev.vmbkmcl.samples.Main lsvmbus --backend hyperv 2>&1 | tee "$out/lsvmbus.txt"
rc=${PIPESTATUS[0]}
check "lsvmbus shows the Dynamic Memory device bound to uio_hv_generic" "$out/lsvmbus.txt" "$rc" 0 \
  "Dynamic memory {525074dc-8985-46e2-8057-a307dc18a502}" \
  "    driver uio_hv_generic: vmbkmcl can open it" \
  "    no monitor: signalled by the uio write (Linux 6.10 or newer)" \
  "    channel 1 (primary): rings 2 x 2097152 bytes" \
  "lsvmbus: 1 devices, 1 bound to uio_hv_generic"

echo "--- DmLabProbe"
"${java[@]}" dev.vmbkmcl.hyperv.lab.DmLabProbe 2>&1 | tee "$out/probe.txt"
rc=${PIPESTATUS[0]}
check "DmLabProbe: DM version 2.0 and capabilities with bare Vmbkmcl calls" "$out/probe.txt" "$rc" 0 \
  "2 passed, 0 failed"

echo "--- DmLabProbe --monitor-id 37"
"${java[@]}" dev.vmbkmcl.hyperv.lab.DmLabProbe --monitor-id 37 2>&1 | tee "$out/monitor.txt"
rc=${PIPESTATUS[0]}
check "DmLabProbe --monitor-id 37: signals set bit 5 of the real monitor page's u32 at byte 16" \
  "$out/monitor.txt" "$rc" 0 \
  "re:PASS monitor page: the u32 at byte 16 reads 0x[0-9a-f]{8}, bit 5 \(monitor id 37\) set" \
  "3 passed, 0 failed"

echo "--- DmLabProbe --gpadls (the kernel-made recv:/send: GPADLs)"
"${java[@]}" dev.vmbkmcl.hyperv.lab.DmLabProbe --gpadls 2>&1 | tee "$out/gpadls.txt"
rc=${PIPESTATUS[0]}
check "DmLabProbe --gpadls: both kernel-made GPADLs mapped, a pattern read back through a second mapping" \
  "$out/gpadls.txt" "$rc" 0 \
  "re:PASS kernel-made GPADL [0-9]+ \(recv buffer, uio map 3, 32505856 bytes\): VmbChannelGetSystemAddressForGpadl mapped it; a pattern written through it read back through a second mapping, and back" \
  "re:PASS kernel-made GPADL [0-9]+ \(send buffer, uio map 4, 16777216 bytes\): VmbChannelGetSystemAddressForGpadl mapped it; a pattern written through it read back through a second mapping, and back" \
  "4 passed, 0 failed"
check "lsvmbus shows the kernel-made GPADLs with their handles" "$out/lsvmbus.txt" 0 0 \
  "re:    kernel-made GPADL [0-9]+ \(recv buffer, uio map 3\): 32505856 bytes, VmbChannelGetSystemAddressForGpadl maps it" \
  "re:    kernel-made GPADL [0-9]+ \(send buffer, uio map 4\): 16777216 bytes, VmbChannelGetSystemAddressForGpadl maps it"

echo "--- balloon --backend hyperv --requests 1"
"${java[@]}" dev.vmbkmcl.samples.Main balloon --backend hyperv --requests 1 --seconds 240 \
  --trace "$out/balloon.pcapng" 2>&1 | tee "$out/balloon.txt"
rc=${PIPESTATUS[0]}
check "balloon sample: negotiated, reported, answered the host's balloon request" \
  "$out/balloon.txt" "$rc" 0 \
  "guest: proposing Dynamic Memory protocol 2.0" \
  "guest: host accepted protocol 2.0; reporting capabilities" \
  "guest: host accepted the capabilities (hot remove on, pressure reports suppressed); status report every 1000 ms" \
  "guest: host asks for 131072 pages; a user-space driver cannot give pages: answering 0 ranges (at my floor)" \
  "re:ok: protocol 2\.0, capabilities accepted, [0-9]+ status reports sent, [1-9][0-9]* host requests answered"

echo "--- heartbeat --backend hyperv (this VM offers no heartbeat device)"
"${java[@]}" dev.vmbkmcl.samples.Main heartbeat --backend hyperv --seconds 5 2>&1 | tee "$out/heartbeat.txt"
rc=${PIPESTATUS[0]}
check "heartbeat sample: exit 1 and one line saying which device is missing and which exist" \
  "$out/heartbeat.txt" "$rc" 1 \
  "re:error: heartbeat: VmbChannelEnable failed with STATUS_NOT_FOUND \(0xC0000225\): no VMBus device of .*57164f39-9115-4e78-ab55-382f3bd5422d.*; present devices \(class, instance\): 525074dc-8985-46e2-8057-a307dc18a502 .*"
[ "$(wc -l < "$out/heartbeat.txt")" -eq 1 ] || { echo "FAIL heartbeat printed more than one line"; failed=$((failed + 1)); }

echo "--- balloon --backend hyperv as user nobody, /dev/uio0 mode 0600"
# The lab opens /dev/uio* to everyone; a fresh system leaves them 0600 root. nobody cannot read
# this tree or ~/.m2 on every machine, so it gets its own copy of the jars.
nobody_cp=/tmp/vmbkmcl-nobody
mkdir -p "$nobody_cp"
IFS=: read -ra entries <<< "$1"
for e in "${entries[@]}"; do [[ $e == *.jar ]] && cp "$e" "$nobody_cp/"; done
chmod -R a+rX "$nobody_cp"
chmod 600 /dev/uio0
(cd /tmp && HOME=/tmp setpriv --reuid=65534 --regid=65534 --clear-groups \
  java -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.io.tmpdir=/tmp \
  -cp "$(printf '%s:' "$nobody_cp"/*.jar)" dev.vmbkmcl.samples.Main balloon --backend hyperv --seconds 5) \
  2>&1 | tee "$out/nobody.txt"
rc=${PIPESTATUS[0]}
chmod 666 /dev/uio0
check "balloon as nobody: STATUS_ACCESS_DENIED with the chown command" "$out/nobody.txt" "$rc" 1 \
  "re:error: balloon: VmbChannelEnable failed with STATUS_ACCESS_DENIED \(0xC0000022\): permission denied opening /dev/uio0 \(EACCES\)\. Run as root, or give your user the file: chown \\\$USER /dev/uio0 .*"

echo "--- balloon --backend hyperv with the device unbound, then the printed fix"
dev=$(basename "$(dirname "$(grep -l 525074dc-8985-46e2-8057-a307dc18a502 /sys/bus/vmbus/devices/*/class_id)")")
echo -n "$dev" > /sys/bus/vmbus/drivers/uio_hv_generic/unbind
"${java[@]}" dev.vmbkmcl.samples.Main balloon --backend hyperv --seconds 5 2>&1 | tee "$out/unbound.txt"
rc=${PIPESTATUS[0]}
# Paste the commands the error line gives, as a user would: those after "bind it to
# uio_hv_generic:" up to the "or" alternative, minus modprobe (this chroot has no modules for the
# lab kernel; uio_hv_generic is loaded already).
fix=$(grep -m1 '^error: ' "$out/unbound.txt")
fix=${fix#*bind it to uio_hv_generic: }
fix=${fix%%; or, to take*}
echo "${fix//; /$'\n'}" | grep -v '^modprobe ' > "$out/fix.sh"
bash -x "$out/fix.sh"
"${java[@]}" dev.vmbkmcl.samples.Main lsvmbus --backend hyperv > "$out/rebound.txt" 2>&1
cat "$out/rebound.txt" >> "$out/unbound.txt"
check "balloon unbound: STATUS_INVALID_DEVICE_STATE, and its commands bind the device again" \
  "$out/unbound.txt" "$rc" 1 \
  "error: balloon: VmbChannelEnable failed with STATUS_INVALID_DEVICE_STATE (0xC0000184): VMBus device $dev (Dynamic Memory, class 525074dc-8985-46e2-8057-a307dc18a502) is not bound to any driver. As root, bind it to uio_hv_generic: modprobe uio_hv_generic; echo uio_hv_generic > /sys/bus/vmbus/devices/$dev/driver_override; echo -n $dev > /sys/bus/vmbus/drivers_probe; or, to take every unbound device of this class: echo 525074dc-8985-46e2-8057-a307dc18a502 > /sys/bus/vmbus/drivers/uio_hv_generic/new_id" \
  "    driver uio_hv_generic: vmbkmcl can open it"

echo "--- DmLabProbe --lifecycle: the host removes the device (QMP device_del) and adds it again"
# Last: it takes the device away. .ci/lab-host-hook.sh does the QMP part when the flag files ask.
"${java[@]}" dev.vmbkmcl.hyperv.lab.DmLabProbe --lifecycle "$out" 2>&1 | tee "$out/lifecycle.txt"
rc=${PIPESTATUS[0]}
if grep -q '^SKIP lifecycle' "$out/lifecycle.txt"; then
  echo "SKIP lifecycle against QEMU (its answers are above); proved on fake trees by HypervOfferLifecycleTest"
  # The negotiation before the unplug attempt must still have worked.
  check "lifecycle: negotiated before the (refused) unplug" "$out/lifecycle.txt" "$rc" 0 \
    "PASS lifecycle: negotiated DM 2.0 before the host removes the device" "1 passed, 0 failed"
else
  check "lifecycle: rescind seen, the same channel enabled again on the re-offered device and negotiated" \
    "$out/lifecycle.txt" "$rc" 0 \
    "PASS lifecycle: negotiated DM 2.0 before the host removes the device" \
    "PASS lifecycle: the host's rescind reached the driver: closed" \
    "re:PASS lifecycle: Enable again waited for the re-offered device and negotiated DM 2.0 again .*" \
    "3 passed, 0 failed"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
