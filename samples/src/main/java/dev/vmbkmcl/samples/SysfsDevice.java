package dev.vmbkmcl.samples;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One VMBus device of a real guest as sysfs describes it (vmbus-ring-and-uio.md §4.2), for
 * lsvmbus.
 *
 * @param classId {@code class_id}
 * @param instanceId {@code device_id}
 * @param driver the bound driver's name, or null when none is bound
 * @param monitorId {@code monitor_id} (§3.9): 0 to 127, {@link #NO_MONITOR} when sysfs shows none,
 *     another negative value when it is unreadable
 * @param channels the primary channel and the subchannels
 * @param kernelGpadls the GPADLs the kernel made for the device (uio maps {@code recv:<gpadl>},
 *     {@code send:<gpadl>}, §4.4)
 * @param newIdCommand the command that keeps the device's class on uio_hv_generic (empty if the
 *     backend has none)
 * @param udevRule a udev rule that keeps this device on uio_hv_generic when it is offered again
 *     (empty if the backend has none)
 */
record SysfsDevice(UUID classId, UUID instanceId, @Nullable String driver, int monitorId,
    List<Channel> channels, List<Gpadl> kernelGpadls, String newIdCommand, String udevRule) {
  /** {@link #monitorId()} of a channel without monitor: the uio write signals the host. */
  static final int NO_MONITOR = -1;

  /** The driver whose devices user space can open (§4.1). */
  static final String UIO_DRIVER = "uio_hv_generic";

  /** Copies the list. */
  SysfsDevice {
    channels = List.copyOf(channels);
    kernelGpadls = List.copyOf(kernelGpadls);
  }

  /** True when the device is bound to {@value #UIO_DRIVER}, so vmbkmcl can open it. */
  boolean usable() {
    return UIO_DRIVER.equals(driver);
  }

  /**
   * One channel of the device.
   *
   * @param relid the channel's relid
   * @param subchannelId 0 for the primary channel, 1 and up for subchannels
   * @param ringFileSize size of the {@code ring} file (both rings), 0 when there is none
   */
  record Channel(int relid, int subchannelId, long ringFileSize) {}

  /**
   * One kernel-made GPADL.
   *
   * @param kind {@code recv} or {@code send}
   * @param handle the GPADL handle, unsigned decimal
   * @param mapIndex its uio map
   * @param size its size in bytes
   */
  record Gpadl(String kind, String handle, int mapIndex, long size) {}
}
