package dev.vmbkmcl.samples;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Seam to the hyperv backend's sysfs discovery (vmbus-ring-and-uio.md §4.2), which lsvmbus uses on
 * a real guest. Device discovery is not a KMCL function, so the samples reach it by name, and build
 * and run whatever state the backend module is in. Expected of {@code dev.vmbkmcl.hyperv}:
 *
 * <ul>
 *   <li>{@code HypervPaths.fromSystemProperties()}: static, no arguments, the configured roots;
 *   <li>{@code new VmbusSysfs(HypervPaths)} and its {@code List<?> devices()}, which throws an
 *       exception whose message is the one-line reason when there is nothing to list (for example
 *       "not a Hyper-V guest");
 *   <li>on each device: {@code UUID classId()}, {@code UUID instanceId()}, {@code String driver()}
 *       (null when unbound), {@code int monitorId()} (-1 without {@code monitor_id}, below -1
 *       when it is unreadable) and {@code List<?> channels()};
 *   <li>on each channel: {@code int relid()}, {@code int subchannelId()} and {@code long
 *       ringFileSize()} (0 without a {@code ring} file);
 *   <li>optionally on each device: {@code List<?> kernelGpadls()} (each with {@code kind()},
 *       {@code handleText()}, {@code mapIndex()}, {@code size()}), {@code String newIdCommand()}
 *       and {@code String udevRule()}.
 * </ul>
 */
final class HypervSysfsSeam {
  private static final String PACKAGE = "dev.vmbkmcl.hyperv.";

  private HypervSysfsSeam() {}

  /**
   * This guest's VMBus devices.
   *
   * @throws SampleException when the backend's discovery is missing or reports a failure
   */
  static List<SysfsDevice> devices() throws SampleException {
    try {
      Class<?> pathsType = Class.forName(PACKAGE + "HypervPaths");
      Object paths = pathsType.getMethod("fromSystemProperties").invoke(null);
      Class<?> sysfsType = Class.forName(PACKAGE + "VmbusSysfs");
      Object sysfs = sysfsType.getConstructor(pathsType).newInstance(paths);
      List<SysfsDevice> devices = new ArrayList<>();
      for (Object d : list(call(sysfs, "devices"))) {
        List<SysfsDevice.Channel> channels = new ArrayList<>();
        for (Object c : list(call(d, "channels"))) {
          channels.add(new SysfsDevice.Channel(number(c, "relid").intValue(),
              number(c, "subchannelId").intValue(), number(c, "ringFileSize").longValue()));
        }
        List<SysfsDevice.Gpadl> gpadls = new ArrayList<>();
        for (Object g : list(optional(d, "kernelGpadls"))) {
          gpadls.add(new SysfsDevice.Gpadl(String.valueOf(call(g, "kind")),
              String.valueOf(call(g, "handleText")), number(g, "mapIndex").intValue(),
              number(g, "size").longValue()));
        }
        Object driver = call(d, "driver");
        Object newId = optional(d, "newIdCommand");
        Object udev = optional(d, "udevRule");
        devices.add(new SysfsDevice(uuid(d, "classId"), uuid(d, "instanceId"),
            driver == null ? null : driver.toString(), number(d, "monitorId").intValue(),
            channels, gpadls, newId == null ? "" : newId.toString(),
            udev == null ? "" : udev.toString()));
      }
      return devices;
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new SampleException("lsvmbus: " + (cause == null ? e : cause).getMessage());
    } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
      throw new SampleException("lsvmbus on hyperv needs the hyperv backend's sysfs discovery"
          + " (" + PACKAGE + "VmbusSysfs), which this build lacks or does not match: " + e);
    }
  }

  private static @Nullable Object call(Object target, String method)
      throws ReflectiveOperationException {
    Method m = target.getClass().getMethod(method);
    return m.invoke(target);
  }

  /** As {@link #call}, null when the backend has no such method (an older backend). */
  private static @Nullable Object optional(Object target, String method)
      throws ReflectiveOperationException {
    try {
      target.getClass().getMethod(method);
    } catch (NoSuchMethodException e) {
      return null;
    }
    return call(target, method);
  }

  private static List<?> list(@Nullable Object value) {
    return value == null ? List.of() : (List<?>) value;
  }

  private static Number number(Object target, String method)
      throws ReflectiveOperationException {
    Object value = call(target, method);
    if (!(value instanceof Number n)) {
      throw new NoSuchMethodException(method + "() of " + target.getClass() + " is not a number");
    }
    return n;
  }

  private static UUID uuid(Object target, String method) throws ReflectiveOperationException {
    Object value = call(target, method);
    if (!(value instanceof UUID id)) {
      throw new NoSuchMethodException(method + "() of " + target.getClass() + " is not a UUID");
    }
    return id;
  }
}
