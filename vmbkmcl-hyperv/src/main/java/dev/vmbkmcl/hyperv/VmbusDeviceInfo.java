package dev.vmbkmcl.hyperv;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What sysfs says about one VMBus device, {@code /sys/bus/vmbus/devices/<instance>/} (ring reference
 * §4.2). Produced by {@link VmbusSysfs}; a snapshot, not kept up to date.
 *
 * @param directory the device's sysfs directory
 * @param instanceId the instance GUID ({@code device_id}, also the directory name)
 * @param classId the class (interface type) GUID ({@code class_id})
 * @param relid the primary channel's relid ({@code id}), -1 when the attribute is missing
 * @param driver name of the bound driver (target of the {@code driver} link), or null when unbound
 * @param uioName the uio node name, e.g. {@code uio0} (from {@code uio/uioN}), or null
 * @param monitored whether {@code monitor_id} is present, i.e. the channel has a monitor (§3.9)
 * @param uioMaps the uio maps of {@link #uioName()}, sorted by index; empty without a uio node
 * @param channels the channels (primary and subchannels) sorted by relid
 */
public record VmbusDeviceInfo(
    Path directory,
    UUID instanceId,
    UUID classId,
    int relid,
    @Nullable String driver,
    @Nullable String uioName,
    boolean monitored,
    List<UioMapInfo> uioMaps,
    List<VmbusChannelInfo> channels) {

  /** Driver name of the kernel's generic VMBus uio driver (§4.1). */
  public static final String UIO_DRIVER = "uio_hv_generic";

  /** Copies the lists so the record is immutable. */
  public VmbusDeviceInfo {
    uioMaps = List.copyOf(uioMaps);
    channels = List.copyOf(channels);
  }

  /**
   * Whether the device is bound to {@code uio_hv_generic}.
   *
   * @return true when {@link #driver()} is {@value #UIO_DRIVER}
   */
  public boolean isBoundToUio() {
    return UIO_DRIVER.equals(driver);
  }

  /**
   * Finds a uio map by name (maps are found by name, not by position: the set differs by kernel).
   *
   * @param name e.g. {@link UioMapInfo#TXRX_RINGS}
   * @return the map, or empty
   */
  public Optional<UioMapInfo> uioMap(String name) {
    return uioMaps.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /**
   * The subchannels of this device.
   *
   * @return the channels whose {@code subchannel_id} is 1 or more, sorted by relid
   */
  public List<VmbusChannelInfo> subchannels() {
    return channels.stream().filter(VmbusChannelInfo::isSubchannel).toList();
  }
}
