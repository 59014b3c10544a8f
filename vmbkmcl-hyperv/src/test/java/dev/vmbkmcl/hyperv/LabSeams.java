package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.spi.TimeSource;

/**
 * Test seams for the real-VMBus checks in ../shared/vmbus-lab ({@code lab.DmLabProbe}), which live
 * in another package. QEMU never offers a monitored channel (reference §8, "Monitor: never
 * offered"), so the lab proves the monitor-page path by pretending its device has a monitor id: the
 * mapping of uio map 2 and the atomic OR then run on the kernel's real page, and the uio write that
 * follows every signal still reaches QEMU.
 */
public final class LabSeams {

  private LabSeams() {}

  /**
   * A backend over the system's paths that opens every device as if sysfs showed {@code monitorId}.
   *
   * @param monitorId 0 to 127
   */
  public static HypervBackend backendWithMonitorId(int monitorId) {
    return new HypervBackend(
        HypervPaths.fromSystemProperties(),
        TimeSource.SYSTEM,
        (paths, device) -> UioDevice.open(paths, withMonitorId(device, monitorId)));
  }

  private static VmbusDeviceInfo withMonitorId(VmbusDeviceInfo d, int monitorId) {
    return new VmbusDeviceInfo(d.directory(), d.instanceId(), d.classId(), d.relid(), d.driver(),
        d.uioName(), monitorId, d.uioMaps(), d.channels());
  }

  /**
   * The kernel-made GPADLs of the first device of {@code classId} (uio maps {@code recv:}/{@code
   * send:}).
   *
   * @throws HypervException when the device cannot be found
   */
  public static java.util.List<KernelGpadl> kernelGpadls(java.util.UUID classId)
      throws HypervException {
    return new VmbusSysfs(HypervPaths.fromSystemProperties()).find(classId).kernelGpadls();
  }

  /**
   * Proves that {@code viaBackend} (what {@code VmbChannelGetSystemAddressForGpadl} returned) is the
   * kernel's buffer: maps the same uio map a second time through a descriptor of its own, writes a
   * pattern through the first mapping and reads it through the second, then the other way round,
   * and puts the original bytes back. Call it while a channel of the device is open.
   *
   * @return null when every word read back, else what differed
   * @throws HypervException when the node cannot be opened or mapped
   */
  public static @org.jspecify.annotations.Nullable String patternRoundTrip(
      java.util.UUID classId, KernelGpadl gpadl, java.nio.ByteBuffer viaBackend)
      throws HypervException {
    HypervPaths paths = HypervPaths.fromSystemProperties();
    VmbusDeviceInfo device = new VmbusSysfs(paths).find(classId);
    String uio = String.valueOf(device.uioName());
    int fd = DeviceFiles.openReadWrite(paths.devDir().resolve(uio), "is the device bound?");
    try (NativeMapping second = NativeMapping.map(fd, gpadl.mapIndex() * NativeMapping.pageSize(),
        gpadl.size(), "a second mapping of uio map " + gpadl.mapIndex())) {
      java.nio.ByteBuffer other = second.buffer();
      java.nio.ByteBuffer first = viaBackend.duplicate().order(other.order());
      if (first.capacity() != gpadl.size()) {
        return "the backend's buffer has " + first.capacity() + " bytes, the map " + gpadl.size();
      }
      byte[] original = new byte[gpadl.size()];
      first.get(0, original);
      try {
        int words = gpadl.size() / 8;
        long seed = ((long) gpadl.handle() << 32) ^ 0x9E3779B97F4A7C15L;
        for (int i = 0; i < words; i++) {
          first.putLong(i * 8, seed ^ i);
        }
        for (int i = 0; i < words; i++) {
          if (other.getLong(i * 8) != (seed ^ i)) {
            return "word " + i + " written through the backend's mapping reads "
                + Long.toHexString(other.getLong(i * 8)) + " through the second";
          }
        }
        for (int i = 0; i < words; i++) {
          other.putLong(i * 8, ~(seed ^ i));
        }
        for (int i = 0; i < words; i++) {
          if (first.getLong(i * 8) != ~(seed ^ i)) {
            return "word " + i + " written through the second mapping reads "
                + Long.toHexString(first.getLong(i * 8)) + " through the backend's";
          }
        }
        return null;
      } finally {
        first.put(0, original);
      }
    } finally {
      LibC.close(fd);
    }
  }

  /**
   * Reads, through a mapping of its own, the u32 {@code pending} word of {@code monitorId}'s group in
   * the monitor page of the first device of {@code classId}. Call it while a channel of the device
   * is open: the first open of {@code /dev/uioN} would open the VMBus channel.
   *
   * @return the word; bit {@code monitorId % 32} is the channel's
   * @throws HypervException when the device, its map or its node cannot be found or mapped
   */
  public static int monitorPendingWord(java.util.UUID classId, int monitorId)
      throws HypervException {
    HypervPaths paths = HypervPaths.fromSystemProperties();
    VmbusDeviceInfo device = new VmbusSysfs(paths).find(classId);
    UioMapInfo map =
        device
            .uioMap(MonitorTrigger.MAP_NAME)
            .orElseThrow(() -> new HypervException(NtStatus.STATUS_NOT_FOUND,
                "no " + MonitorTrigger.MAP_NAME + " map: " + UioPreconditions.mapsFound(device)));
    String uio = String.valueOf(device.uioName());
    int fd = DeviceFiles.openReadWrite(paths.devDir().resolve(uio), "is the device bound?");
    try (NativeMapping page = NativeMapping.map(fd, map.index() * NativeMapping.pageSize(),
        (int) NativeMapping.pageSize(), "the monitor page of " + uio)) {
      return page.buffer().getInt(MonitorTrigger.pendingOffset(monitorId));
    } finally {
      LibC.close(fd);
    }
  }
}
