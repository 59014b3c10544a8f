package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.NtStatus;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks, before anything is opened, that a device can be driven from user space, and otherwise says
 * exactly how to fix it (ring reference §4.1 binding, §4.7 kernel history).
 */
final class UioPreconditions {

  private UioPreconditions() {}

  /**
   * Returns the device's uio node name, or explains why it has none.
   *
   * @throws HypervException {@code STATUS_NOT_SUPPORTED} for a device without monitor on a kernel
   *     older than 6.10, {@code STATUS_INVALID_DEVICE_STATE} when not bound to uio_hv_generic,
   *     {@code STATUS_NOT_FOUND} when bound but sysfs shows no uio node
   */
  static String requireUioNode(HypervPaths paths, VmbusDeviceInfo device) throws HypervException {
    if (!device.monitored()) {
      KernelRelease kernel = KernelRelease.read(paths.kernelRelease());
      if (kernel != null && !kernel.isAtLeast(6, 10)) {
        throw new HypervException(
            NtStatus.STATUS_NOT_SUPPORTED,
            describe(device)
                + " has no monitor page (no monitor_id in sysfs). uio_hv_generic can drive such a"
                + " channel only on Linux 6.10 or newer (older kernels refuse to bind it: \"vmbus"
                + " channel requires hypercall\"); this kernel is "
                + kernel.text()
                + ". Boot a 6.10 or newer kernel.");
      }
    }
    if (!device.isBoundToUio()) {
      String driver = device.driver();
      throw new HypervException(
          NtStatus.STATUS_INVALID_DEVICE_STATE,
          describe(device)
              + (driver == null
                  ? " is not bound to any driver."
                  : " is bound to the kernel driver " + driver + ", not to uio_hv_generic.")
              + " As root, bind it to uio_hv_generic:\n"
              + bindCommands(paths, device, driver));
    }
    String uio = device.uioName();
    if (uio == null) {
      String id = device.instanceId().toString();
      String uioDriver = paths.driversDir().resolve(VmbusDeviceInfo.UIO_DRIVER).toString();
      throw new HypervException(
          NtStatus.STATUS_NOT_FOUND,
          describe(device)
              + " is bound to uio_hv_generic but "
              + device.directory().resolve("uio")
              + " holds no uioN node (the probe may still be running). Wait a moment, or rebind"
              + " as root:\n  echo -n "
              + id
              + " > "
              + uioDriver
              + "/unbind\n  echo -n "
              + id
              + " > "
              + uioDriver
              + "/bind");
    }
    return uio;
  }

  /** {@code device <instance> (<friendly name>, class <class>)}. */
  /** The device's uio maps as {@code map0=txrx_rings, map1=int_page, ...}, for error messages. */
  static String mapsFound(VmbusDeviceInfo device) {
    return device.uioMaps().stream()
        .map(m -> "map" + m.index() + "=" + m.name())
        .collect(Collectors.joining(", "));
  }

    static String describe(VmbusDeviceInfo device) {
    return "VMBus device "
        + device.instanceId()
        + " ("
        + VmbusClasses.friendlyName(device.classId())
        + ", class "
        + device.classId()
        + ")";
  }

  /**
   * The shell commands of §4.1 that move a device to uio_hv_generic. The instance GUID is written
   * without a trailing newline (echo -n), as the bind/unbind/drivers_probe files expect.
   */
  private static String bindCommands(
      HypervPaths paths, VmbusDeviceInfo device, @Nullable String currentDriver) {
    String id = device.instanceId().toString();
    StringBuilder commands = new StringBuilder();
    commands.append("  modprobe ").append(VmbusDeviceInfo.UIO_DRIVER).append('\n');
    commands
        .append("  echo ")
        .append(VmbusDeviceInfo.UIO_DRIVER)
        .append(" > ")
        .append(paths.devicesDir().resolve(id).resolve("driver_override"))
        .append('\n');
    if (currentDriver != null) {
      commands
          .append("  echo -n ")
          .append(id)
          .append(" > ")
          .append(paths.driversDir().resolve(currentDriver).resolve("unbind"))
          .append('\n');
    }
    commands
        .append("  echo -n ")
        .append(id)
        .append(" > ")
        .append(paths.vmbusRoot().resolve("drivers_probe"));
    if (currentDriver == null) {
      commands
          .append("\nor, to take every unbound device of this class:\n  echo ")
          .append(device.classId())
          .append(" > ")
          .append(paths.driversDir().resolve(VmbusDeviceInfo.UIO_DRIVER).resolve("new_id"));
    }
    return commands.toString();
  }
}
