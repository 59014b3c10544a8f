package dev.vmbkmcl.hyperv;

/**
 * How a device stays with uio_hv_generic when the host offers it again (ring reference §4.1, §4.6):
 * after a rescind the kernel unregisters the device, and a per-device {@code driver_override} goes
 * with it, so the re-offered device would go back to its kernel driver. Two ways keep it: the
 * class in uio_hv_generic's {@code new_id} (until reboot; a kernel driver that is loaded may still
 * claim the device first), or a udev rule that sets the override on every add and re-probes.
 */
final class DurableBinding {
  private DurableBinding() {}

  /** The {@code new_id} command for the device's class. */
  static String newIdCommand(VmbusDeviceInfo device) {
    return "echo " + device.classId() + " > /sys/bus/vmbus/drivers/" + VmbusDeviceInfo.UIO_DRIVER
        + "/new_id";
  }

  /**
   * A udev rule (one line, for a file such as {@code /etc/udev/rules.d/70-vmbkmcl.rules}) that
   * gives the device, by instance GUID, to uio_hv_generic whenever it is added.
   */
  static String udevRule(VmbusDeviceInfo device) {
    String instance = device.instanceId().toString();
    return "ACTION==\"add\", SUBSYSTEM==\"vmbus\", KERNEL==\"" + instance + "\", ATTR{driver_override}=\""
        + VmbusDeviceInfo.UIO_DRIVER + "\", RUN+=\"/bin/sh -c 'modprobe " + VmbusDeviceInfo.UIO_DRIVER
        + "; [ -e /sys/%p/driver ] && echo -n %k > /sys/%p/driver/unbind;"
        + " echo -n %k > /sys/bus/vmbus/drivers_probe'\"";
  }
}
