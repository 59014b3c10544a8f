package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lsvmbus on the simulated host's offers, and on a fake sysfs tree read through the hyperv
 * backend's discovery (the {@link HypervSysfsSeam}).
 */
class LsvmbusSampleTest {
  private static final String SYSFS = "vmbkmcl.hyperv.sysfs";
  private static final String UIO_CLASS = "vmbkmcl.hyperv.uioClass";

  @TempDir Path tree;

  @AfterEach
  void forgetTheFakeTree() {
    System.clearProperty(SYSFS);
    System.clearProperty(UIO_CLASS);
  }

  @Test
  void listsTheSimulatedOffersWithStateAndRingSize() throws InterruptedException {
    SampleRun r = SampleRun.of("lsvmbus");
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(List.of(
        "lsvmbus: VMBus devices offered by the simulated host",
        "Heartbeat {57164f39-9115-4e78-ab55-382f3bd5422d}",
        "    instance {fd149e91-82e0-4a7d-afa6-2a4166cbd7c0}",
        "    open by a guest driver, guest-to-host ring 20480 bytes",
        "Shutdown {0e0b6031-5213-4934-818b-38d90ced39db}",
        "    instance {b6650ff7-33bc-4840-8048-e0676786f393}",
        "    offered, not open",
        "Dynamic memory {525074dc-8985-46e2-8057-a307dc18a502}",
        "    instance {0c01d5b2-9603-455e-857f-66c437c1e9ba}",
        "    open by a guest driver, guest-to-host ring 69632 bytes",
        "Guest services (file copy) {34d14be3-dee4-41c8-9ae7-6b174977c192}",
        "    instance {eb765408-105f-49b6-b4aa-c123b64d17d4}",
        "    offered, not open",
        "vmbkmcl echo sample (simulated only) {9de5043c-d46c-4f84-9b39-7e32052c4009}",
        "    instance {2d385047-46df-4d1d-bac5-1c28973bd7b9}",
        "    offered, not open",
        "lsvmbus: 5 devices, 2 open"), r.lines());
  }

  @Test
  void listsASysfsTreeWithDriversAndRings() throws Exception {
    Path vmbus = tree.resolve("bus/vmbus");
    Path uio = vmbus.resolve("drivers/uio_hv_generic");
    Path utils = vmbus.resolve("drivers/hv_utils");
    Files.createDirectories(uio);
    Files.createDirectories(utils);
    Path dm = device(vmbus, "525074dc-8985-46e2-8057-a307dc18a502",
        "1eccfd72-4b41-45ef-b73a-4a6e44c12924", uio, 14);
    Files.createDirectories(dm.resolve("uio/uio0"));
    // The kernel-made receive buffer of the lab's kernel (vmbus-ring-and-uio.md §4.4).
    Path map3 = Files.createDirectories(tree.resolve("class/uio/uio0/maps/map3"));
    Files.writeString(map3.resolve("name"), "recv:42\n");
    Files.writeString(map3.resolve("size"), "0x0000000001f00000\n");
    Files.writeString(dm.resolve("monitor_id"), "37\n");
    ring(dm.resolve("channels/14"), 0, 2 * 2 * 1024 * 1024);
    ring(dm.resolve("channels/15"), 1, 2 * 2 * 1024 * 1024);
    Path hb = device(vmbus, "57164f39-9115-4e78-ab55-382f3bd5422d",
        "2dd1ce17-079e-403c-b352-a1921ee207ee", utils, 3);
    ring(hb.resolve("channels/3"), 0, -1);
    Path shutdown = device(vmbus, "0e0b6031-5213-4934-818b-38d90ced39db",
        "b6650ff7-33bc-4840-8048-e0676786f393", null, 4);
    Files.writeString(shutdown.resolve("monitor_id"), "x\n");
    System.setProperty(SYSFS, vmbus.toString());
    System.setProperty(UIO_CLASS, tree.resolve("class/uio").toString());

    SampleRun r = SampleRun.of("lsvmbus", "--backend", "hyperv");
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(List.of(
        "lsvmbus: VMBus devices of this guest",
        "Dynamic memory {525074dc-8985-46e2-8057-a307dc18a502}",
        "    instance {1eccfd72-4b41-45ef-b73a-4a6e44c12924}",
        "    driver uio_hv_generic: vmbkmcl can open it",
        "    monitor id 37: signalled through the monitor page",
        "    channel 14 (primary): rings 2 x 2097152 bytes",
        "    channel 15 (subchannel 1): rings 2 x 2097152 bytes",
        "    kernel-made GPADL 42 (recv buffer, uio map 3): 32505856 bytes,"
            + " VmbChannelGetSystemAddressForGpadl maps it",
        "    to keep it on uio_hv_generic when the host offers it again: echo"
            + " 525074dc-8985-46e2-8057-a307dc18a502 > /sys/bus/vmbus/drivers/uio_hv_generic/new_id"
            + " (until reboot), or the udev rule:",
        "        ACTION==\"add\", SUBSYSTEM==\"vmbus\", KERNEL==\"1eccfd72-4b41-45ef-b73a-4a6e44c12924\","
            + " ATTR{driver_override}=\"uio_hv_generic\", RUN+=\"/bin/sh -c 'modprobe uio_hv_generic;"
            + " [ -e /sys/%p/driver ] && echo -n %k > /sys/%p/driver/unbind;"
            + " echo -n %k > /sys/bus/vmbus/drivers_probe'\"",
        "Heartbeat {57164f39-9115-4e78-ab55-382f3bd5422d}",
        "    instance {2dd1ce17-079e-403c-b352-a1921ee207ee}",
        "    driver hv_utils: bind it to uio_hv_generic to use it (README)",
        "    no monitor: signalled by the uio write (Linux 6.10 or newer)",
        "    channel 3 (primary): no ring file (it exists while uio_hv_generic owns the device)",
        "Shutdown {0e0b6031-5213-4934-818b-38d90ced39db}",
        "    instance {b6650ff7-33bc-4840-8048-e0676786f393}",
        "    no driver bound",
        "    monitor_id unreadable: vmbkmcl cannot signal this channel",
        "lsvmbus: 3 devices, 1 bound to uio_hv_generic"), r.lines());
  }

  @Test
  void withoutAVmbusItFailsWithOneLine() throws InterruptedException {
    System.setProperty(SYSFS, tree.resolve("no-vmbus-here").toString());
    SampleRun r = SampleRun.of("lsvmbus", "--backend", "hyperv");
    assertEquals(1, r.exitCode(), r::toString);
    assertEquals(1, r.lines().size(), r::toString);
    assertTrue(r.output().startsWith("error: lsvmbus: "), r::toString);
    assertTrue(r.output().contains("no-vmbus-here"), r::toString);
  }

  /** A device directory as the kernel lays it out (vmbus-ring-and-uio.md §4.2). */
  private static Path device(Path vmbus, String classId, String instance,
      @Nullable Path driver, int relid) throws IOException {
    Path dir = Files.createDirectories(vmbus.resolve("devices").resolve(instance));
    Files.writeString(dir.resolve("class_id"), "{" + classId + "}\n");
    Files.writeString(dir.resolve("device_id"), "{" + instance + "}\n");
    Files.writeString(dir.resolve("id"), relid + "\n");
    if (driver != null) {
      Files.createSymbolicLink(dir.resolve("driver"), driver);
    }
    return dir;
  }

  /** A channel directory; a ring file of {@code ringBytes} unless that is negative. */
  private static void ring(Path channel, int subchannelId, long ringBytes) throws IOException {
    Files.createDirectories(channel);
    Files.writeString(channel.resolve("subchannel_id"), subchannelId + "\n");
    if (ringBytes >= 0) {
      try (RandomAccessFile f = new RandomAccessFile(channel.resolve("ring").toFile(), "rw")) {
        f.setLength(ringBytes);
      }
    }
  }
}
