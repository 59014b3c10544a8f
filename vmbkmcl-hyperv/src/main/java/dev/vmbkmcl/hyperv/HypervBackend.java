package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.channel.ChannelSettings;
import dev.vmbkmcl.channel.EngineBackend;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.spi.TimeSource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The KMCL backend of a Linux Hyper-V / Azure guest: a client channel whose {@code
 * VmbClientChannelInitSetTargetPnp} names a device bound to {@code uio_hv_generic} opens that
 * device's {@code /dev/uioN} and runs the shared engine over the kernel-made rings.
 *
 * <p>What a guest's user space cannot do answers {@code STATUS_NOT_SUPPORTED} (see the README's
 * feature matrix): server endpoints ({@code VmbChannelAllocate} / {@code VmbChannelInitialize} with
 * {@code IsServer}: a guest is never the root partition), GPADLs and external data over Java memory
 * (user space cannot learn guest physical addresses), sub-channels (not yet). Every such refusal and
 * every failure to connect comes with a message that names the reason or the fix ({@link
 * #lastError()}).
 */
public final class HypervBackend extends EngineBackend {
  private final HypervPaths paths;
  private final VmbusSysfs sysfs;
  private final DeviceOpener opener;
  private final DeviceObject guest = new DeviceObject(this, "hyperv-guest");
  private final Map<EngineChannel, UioDevice> open = new ConcurrentHashMap<>();
  private volatile @Nullable String lastError;

  /** Opens the uio device of a discovered VMBus device. */
  @FunctionalInterface
  interface DeviceOpener {
    UioDevice open(HypervPaths paths, VmbusDeviceInfo device) throws HypervException;
  }

  /** A backend over the sysfs and /dev paths of {@code paths}. */
  public HypervBackend(HypervPaths paths, TimeSource time) {
    this(paths, time, UioDevice::open);
  }

  /** A backend over the paths named by system properties (defaults: /sys, /dev). */
  public HypervBackend() {
    this(HypervPaths.fromSystemProperties(), TimeSource.SYSTEM);
  }

  /**
   * Test seam: a backend that opens devices with {@code opener}, for example {@link
   * UioDevice#openWithStandInDoorbells} over a fake tree. Production code uses {@link
   * UioDevice#open}.
   */
  HypervBackend(HypervPaths paths, TimeSource time, DeviceOpener opener) {
    super(time);
    this.paths = paths;
    this.sysfs = new VmbusSysfs(paths);
    this.opener = opener;
  }

  @Override
  public String name() {
    return "hyperv";
  }

  /** The guest: parent of client channels. */
  @Override
  public DeviceObject defaultDevice() {
    return guest;
  }

  /**
   * The message of the last call this backend refused (a failed {@code VmbChannelEnable}, a server
   * endpoint), naming the reason or the fix; null after a successful {@code VmbChannelEnable} or
   * when nothing was refused yet.
   */
  public @Nullable String lastError() {
    return lastError;
  }

  /** The sysfs view this backend discovers devices with. */
  public VmbusSysfs sysfs() {
    return sysfs;
  }

  /**
   * {@code VmbChannelAllocate}: client channels only; {@code IsServer} answers {@code
   * STATUS_NOT_SUPPORTED} because a Linux guest is never the root partition.
   */
  @SuppressWarnings("ParameterName") // KMCL names, as in the facade
  @Override
  public NtStatus VmbChannelAllocate(DeviceObject ParentDeviceObject, boolean IsServer,
      Ref<VMBCHANNEL> Channel) {
    if (IsServer) {
      return refuseServer();
    }
    return super.VmbChannelAllocate(ParentDeviceObject, IsServer, Channel);
  }

  /** {@code VmbChannelInitialize}: client channels only, as {@link #VmbChannelAllocate}. */
  @SuppressWarnings("ParameterName") // KMCL names, as in the facade
  @Override
  public NtStatus VmbChannelInitialize(DeviceObject ParentDeviceObject, boolean IsServer,
      Ref<VMBCHANNEL> Channel, int BufferSize) {
    if (IsServer) {
      return refuseServer();
    }
    return super.VmbChannelInitialize(ParentDeviceObject, IsServer, Channel, BufferSize);
  }

  private NtStatus refuseServer() {
    return fail(NtStatus.STATUS_NOT_SUPPORTED, "a Linux guest is never the root partition: server"
        + " endpoints cannot be offered from a Hyper-V guest, so the hyperv backend makes client"
        + " channels only (IsServer = FALSE)");
  }

  @Override
  protected NtStatus connect(EngineChannel channel) {
    ChannelSettings s = channel.settings();
    if (s.primary() != null) {
      return fail(NtStatus.STATUS_NOT_SUPPORTED, "sub-channels are not supported by the hyperv"
          + " backend yet");
    }
    UUID type = s.targetType();
    if (type == null) {
      return fail(NtStatus.STATUS_INVALID_DEVICE_STATE, "call VmbClientChannelInitSetTargetPnp"
          + " before VmbChannelEnable: the hyperv backend finds the device by its class GUID");
    }
    UioDevice device;
    try {
      VmbusDeviceInfo info = sysfs.find(type, s.targetInstance());
      device = opener.open(paths, info);
      channel.setActiveInstance(info.instanceId());
      channel.setTargetDevice(new DeviceObject(this, "vmbus:" + info.instanceId()));
    } catch (HypervException e) {
      return fail(NtStatus.valueOf(e.status()), e.getMessage());
    }
    open.put(channel, device);
    lastError = null;
    channel.linkUp(new UioLink(device, channel));
    return NtStatus.STATUS_SUCCESS;
  }

  private NtStatus fail(NtStatus status, String message) {
    lastError = message;
    return status;
  }

  @Override
  protected void disconnect(EngineChannel channel) {
    UioDevice device = open.remove(channel);
    if (device != null) {
      device.close(); // the last close of /dev/uioN closes the VMBus channel (§4.6)
    }
  }
}
