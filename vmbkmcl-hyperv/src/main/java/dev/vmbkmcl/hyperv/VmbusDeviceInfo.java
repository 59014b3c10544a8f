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
 * @param monitorId the primary channel's monitor id ({@code monitor_id}, 0 to 127 on a real kernel):
 *     {@link #NO_MONITOR} when the attribute is missing (the channel has no monitor, §3.9), {@link
 *     #UNREADABLE_MONITOR_ID} when it is there but not a decimal number
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
    int monitorId,
    List<UioMapInfo> uioMaps,
    List<VmbusChannelInfo> channels) {

  /** Driver name of the kernel's generic VMBus uio driver (§4.1). */
  public static final String UIO_DRIVER = "uio_hv_generic";

  /** {@link #monitorId()} of a device whose sysfs directory has no {@code monitor_id}. */
  public static final int NO_MONITOR = -1;

  /** {@link #monitorId()} of a device whose {@code monitor_id} is not a decimal number. */
  public static final int UNREADABLE_MONITOR_ID = -2;

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
   * Whether sysfs shows a {@code monitor_id}, i.e. the channel has a monitor and signals the host
   * through the monitor page (§3.9).
   *
   * @return true unless {@link #monitorId()} is {@link #NO_MONITOR}
   */
  public boolean monitored() {
    return monitorId != NO_MONITOR;
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
   * The GPADLs the kernel made for this device ({@code recv:<gpadl>} and {@code send:<gpadl>} uio
   * maps, §4.4).
   *
   * @return the GPADLs in map order; empty without such maps
   */
  public List<KernelGpadl> kernelGpadls() {
    return KernelGpadl.among(uioMaps);
  }

  /**
   * The command that keeps every device of this class on uio_hv_generic until reboot, also when
   * the host offers it again after a rescind (§4.1).
   *
   * @return a shell command for root
   */
  public String newIdCommand() {
    return DurableBinding.newIdCommand(this);
  }

  /**
   * A udev rule that gives this device (by instance GUID) to uio_hv_generic whenever the host
   * offers it, across rescinds and reboots.
   *
   * @return one rule line
   */
  public String udevRule() {
    return DurableBinding.udevRule(this);
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
