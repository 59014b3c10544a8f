package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.NtStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Lists VMBus devices from sysfs (ring reference §4.2): {@code <vmbusRoot>/devices/<instance>/} for
 * the device and its channels, {@code <uioClassRoot>/uioN/maps/} for the uio maps. Plain file reads,
 * no native code; every root comes from {@link HypervPaths}.
 */
public final class VmbusSysfs {

  private final HypervPaths paths;

  /**
   * Creates a scanner over the given roots.
   *
   * @param paths where sysfs is
   */
  public VmbusSysfs(HypervPaths paths) {
    this.paths = paths;
  }

  /**
   * Lists every VMBus device, sorted by instance GUID. Directories without a readable instance or
   * class GUID are left out (they cannot be matched or opened).
   *
   * @return the devices
   * @throws HypervException {@code STATUS_NOT_SUPPORTED} when there is no VMBus (not a Hyper-V
   *     guest), {@code STATUS_UNSUCCESSFUL} when the devices directory cannot be listed
   */
  public List<VmbusDeviceInfo> devices() throws HypervException {
    Path devicesDir = paths.devicesDir();
    if (!Files.isDirectory(devicesDir)) {
      throw new HypervException(
          NtStatus.STATUS_NOT_SUPPORTED,
          devicesDir
              + " does not exist: this is not a Hyper-V guest (no VMBus). On a Hyper-V guest, load the"
              + " bus driver with: modprobe hv_vmbus");
    }
    List<VmbusDeviceInfo> devices = new ArrayList<>();
    for (Path dir : list(devicesDir)) {
      VmbusDeviceInfo device = readDevice(dir);
      if (device != null) {
        devices.add(device);
      }
    }
    devices.sort(Comparator.comparing(d -> d.instanceId().toString()));
    return devices;
  }

  /**
   * Finds the first device (by instance GUID order) of a class.
   *
   * @param classId the device class GUID, e.g. {@link VmbusClasses#HEARTBEAT}
   * @return the device
   * @throws HypervException {@code STATUS_NOT_FOUND} listing the classes that do exist, or the errors
   *     of {@link #devices()}
   */
  public VmbusDeviceInfo find(UUID classId) throws HypervException {
    return find(classId, null);
  }

  /**
   * Finds a device by class and, optionally, instance.
   *
   * @param classId the device class GUID
   * @param instanceId the instance GUID, or null for the first device of the class
   * @return the device
   * @throws HypervException {@code STATUS_NOT_FOUND} listing the devices that do exist, or the errors
   *     of {@link #devices()}
   */
  public VmbusDeviceInfo find(UUID classId, @Nullable UUID instanceId) throws HypervException {
    List<VmbusDeviceInfo> devices = devices();
    for (VmbusDeviceInfo device : devices) {
      if (device.classId().equals(classId)
          && (instanceId == null || device.instanceId().equals(instanceId))) {
        return device;
      }
    }
    String wanted =
        "class "
            + classId
            + " ("
            + VmbusClasses.friendlyName(classId)
            + ")"
            + (instanceId == null ? "" : " with instance " + instanceId);
    String present =
        devices.isEmpty()
            ? "there are no VMBus devices at all"
            : "present devices (class, instance): "
                + devices.stream()
                    .map(
                        d ->
                            d.classId()
                                + " "
                                + VmbusClasses.friendlyName(d.classId())
                                + " "
                                + d.instanceId())
                    .collect(Collectors.joining("; "));
    throw new HypervException(
        NtStatus.STATUS_NOT_FOUND,
        "no VMBus device of "
            + wanted
            + " under "
            + paths.devicesDir()
            + "; "
            + present
            + ". Check that the device is enabled for this VM on the host.");
  }

  private @Nullable VmbusDeviceInfo readDevice(Path dir) {
    UUID instance = SysfsAttributes.guid(dir.getFileName().toString());
    if (instance == null) {
      instance = SysfsAttributes.guid(SysfsAttributes.text(dir.resolve("device_id")));
    }
    UUID classId = SysfsAttributes.guid(SysfsAttributes.text(dir.resolve("class_id")));
    if (instance == null || classId == null) {
      return null;
    }
    String uioName = uioName(dir);
    return new VmbusDeviceInfo(
        dir,
        instance,
        classId,
        SysfsAttributes.decimal(dir.resolve("id"), -1),
        driverName(dir),
        uioName,
        monitorId(dir.resolve("monitor_id")),
        uioName == null ? List.of() : uioMaps(uioName),
        channels(dir));
  }

  private static int monitorId(Path file) {
    if (!Files.exists(file)) {
      return VmbusDeviceInfo.NO_MONITOR;
    }
    int id = SysfsAttributes.decimal(file, VmbusDeviceInfo.UNREADABLE_MONITOR_ID);
    return id < 0 ? VmbusDeviceInfo.UNREADABLE_MONITOR_ID : id;
  }

  private static @Nullable String driverName(Path dir) {
    Path link = dir.resolve("driver");
    try {
      if (Files.isSymbolicLink(link)) {
        Path target = Files.readSymbolicLink(link).getFileName();
        return target == null ? null : target.toString();
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private static @Nullable String uioName(Path dir) {
    Path uioDir = dir.resolve("uio");
    if (!Files.isDirectory(uioDir)) {
      return null;
    }
    return names(uioDir).stream().filter(n -> n.matches("uio\\d+")).findFirst().orElse(null);
  }

  private List<UioMapInfo> uioMaps(String uioName) {
    Path mapsDir = paths.uioClassRoot().resolve(uioName).resolve("maps");
    List<UioMapInfo> maps = new ArrayList<>();
    for (String entry : names(mapsDir)) {
      if (!entry.matches("map\\d{1,4}")) {
        continue;
      }
      Path mapDir = mapsDir.resolve(entry);
      String name = SysfsAttributes.text(mapDir.resolve("name"));
      long size = SysfsAttributes.hex(mapDir.resolve("size"));
      if (name != null && size >= 0) {
        maps.add(new UioMapInfo(Integer.parseInt(entry.substring(3)), name, size));
      }
    }
    maps.sort(Comparator.comparingInt(UioMapInfo::index));
    return maps;
  }

  private static List<VmbusChannelInfo> channels(Path dir) {
    Path channelsDir = dir.resolve("channels");
    List<VmbusChannelInfo> channels = new ArrayList<>();
    for (String entry : names(channelsDir)) {
      if (!entry.matches("\\d{1,9}")) {
        continue;
      }
      Path channelDir = channelsDir.resolve(entry);
      Path ring = channelDir.resolve("ring");
      long ringSize = fileSize(ring);
      channels.add(
          new VmbusChannelInfo(
              Integer.parseInt(entry),
              SysfsAttributes.decimal(channelDir.resolve("subchannel_id"), -1),
              ringSize < 0 ? null : ring,
              Math.max(ringSize, 0)));
    }
    channels.sort(Comparator.comparingInt(VmbusChannelInfo::relid));
    return channels;
  }

  /** Size of a regular file, or -1 when it does not exist. */
  static long fileSize(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /** Sorted entry names of a directory; empty when it is missing or unreadable. */
  private static List<String> names(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> String.valueOf(p.getFileName())).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<Path> list(Path dir) throws HypervException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.sorted().toList();
    } catch (IOException e) {
      throw new HypervException(
          NtStatus.STATUS_UNSUCCESSFUL, "cannot list " + dir + ": " + e.getMessage());
    }
  }
}
