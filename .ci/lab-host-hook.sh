#!/usr/bin/env bash
# The vmbus-lab host hook of .ci/lab-test.sh: runs beside the guest's QEMU with LAB_QMP set, and
# sets the balloon target to 512 MiB (the guest has 1024 MiB), so that QEMU's hv-balloon sends a
# BALLOON_REQUEST once the guest driver has negotiated and QEMU's 50 s post-init wait is over
# (reference §6.4). The target is set again every 15 s: the same value is harmless, and it holds
# even if QEMU dropped a target set before the guest's driver was up. Once a minute it prints the
# host's view (query-balloon): "actual" stays 1 GiB, as the guest honestly gives no pages. It also
# serves the lifecycle check (device_del, then device_add; see below). Ends when the lab stops it.
set -u
here=$(dirname "$(readlink -f "$0")")
qmp=${VMBUS_LAB_DIR:-$here/../../shared/vmbus-lab}/qmp.py
# LAB_OUT (set by .ci/lab-test.sh in front of this file) is the guest's shared results folder: the
# lifecycle check (DmLabProbe --lifecycle) asks through flag files there for the Dynamic Memory
# device to be removed (QMP device_del) and, once the guest saw the rescind, added again.
out=${LAB_OUT:-}
lifecycle=0
for i in $(seq 0 599); do
  if [ $((i % 15)) -eq 0 ]; then
    if [ $((i % 60)) -eq 0 ]; then
      python3 "$qmp" "$LAB_QMP" balloon '{"value": 536870912}'
      python3 "$qmp" "$LAB_QMP" query-balloon
    else
      python3 "$qmp" "$LAB_QMP" balloon '{"value": 536870912}' > /dev/null
    fi
  fi
  if [ -n "$out" ] && [ $lifecycle -eq 0 ] && [ -e "$out/lifecycle.ready" ]; then
    lifecycle=1
    echo "lifecycle: device_del hvb"
    python3 "$qmp" "$LAB_QMP" device_del '{"id": "hvb"}' > "$out/device_del.txt" 2>&1
    cat "$out/device_del.txt"
    if grep -q '"error"' "$out/device_del.txt"; then
      # QEMU refused the unplug; record its answer to a plug of a second device as well.
      python3 "$qmp" "$LAB_QMP" device_add '{"driver": "hv-balloon", "id": "hvb2"}' \
        > "$out/device_add.txt" 2>&1
      echo "lifecycle: device_add hv-balloon (second device): $(cat "$out/device_add.txt")"
      sleep 1
      continue
    fi
    for j in $(seq 1 90); do [ -e "$out/lifecycle.rescinded" ] && break; sleep 1; done
    # The old device may take a moment to go (the guest releases its relid): retry the add.
    for j in $(seq 1 20); do
      python3 "$qmp" "$LAB_QMP" device_add '{"driver": "hv-balloon", "id": "hvb"}' \
        > "$out/device_add.txt" 2>&1 && break
      sleep 1
    done
    echo "lifecycle: device_add hv-balloon: $(cat "$out/device_add.txt")"
  fi
  sleep 1
done
