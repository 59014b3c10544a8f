#!/usr/bin/env bash
# The vmbus-lab host hook of .ci/lab-test.sh: runs beside the guest's QEMU with LAB_QMP set, and
# sets the balloon target to 512 MiB (the guest has 1024 MiB), so that QEMU's hv-balloon sends a
# BALLOON_REQUEST once the guest driver has negotiated and QEMU's 50 s post-init wait is over
# (reference §6.4). The target is set again every 15 s: the same value is harmless, and it holds
# even if QEMU dropped a target set before the guest's driver was up. Once a minute it prints the
# host's view (query-balloon): "actual" stays 1 GiB, as the guest honestly gives no pages. Ends when
# the lab stops it.
set -u
here=$(dirname "$(readlink -f "$0")")
qmp=${VMBUS_LAB_DIR:-$here/../../shared/vmbus-lab}/qmp.py
for i in $(seq 0 39); do
  if [ $((i % 4)) -eq 0 ]; then
    python3 "$qmp" "$LAB_QMP" balloon '{"value": 536870912}'
    python3 "$qmp" "$LAB_QMP" query-balloon
  else
    python3 "$qmp" "$LAB_QMP" balloon '{"value": 536870912}' > /dev/null
  fi
  sleep 15
done
