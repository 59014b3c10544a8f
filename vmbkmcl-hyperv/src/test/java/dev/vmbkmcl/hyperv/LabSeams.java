package dev.vmbkmcl.hyperv;

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
            .orElseThrow(() -> new HypervException(HypervException.STATUS_NOT_FOUND,
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
