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
 * @param channels the primary channel and the subchannels
 */
record SysfsDevice(UUID classId, UUID instanceId, @Nullable String driver,
    List<Channel> channels) {
  /** The driver whose devices user space can open (§4.1). */
  static final String UIO_DRIVER = "uio_hv_generic";

  /** Copies the list. */
  SysfsDevice {
    channels = List.copyOf(channels);
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
}
