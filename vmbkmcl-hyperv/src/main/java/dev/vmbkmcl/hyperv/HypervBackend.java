package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.KmclBackend;
import dev.vmbkmcl.channel.ChannelConnection;
import dev.vmbkmcl.channel.ChannelSettings;
import dev.vmbkmcl.channel.Engine;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.channel.GpadlPort;
import dev.vmbkmcl.channel.Transport;
import dev.vmbkmcl.spi.TimeSource;
import dev.vmbkmcl.Mdl;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The KMCL backend of a Linux Hyper-V / Azure guest: a client channel whose {@code
 * VmbClientChannelInitSetTargetPnp} names a device bound to {@code uio_hv_generic} opens that
 * device's {@code /dev/uioN} and runs the shared engine over the kernel-made rings.
 *
 * <p>What a guest's user space cannot do answers {@code STATUS_NOT_SUPPORTED} (see the README's
 * feature matrix): server endpoints ({@code VmbChannelAllocate} / {@code VmbChannelInitialize} with
 * {@code IsServer}: a guest is never the root partition), GPADLs and external data over Java memory
 * (user space cannot learn guest physical addresses). Sub-channels, the kernel-made GPADLs and
 * transfer-page packets work (see the feature matrix). Every such refusal and
 * every failure to connect comes with a reason that names the fix, kept per channel ({@link
 * #lastError(VMBCHANNEL)}) or, for a server endpoint that was never made, per backend ({@link
 * #lastAllocateError()}).
 *
 * <p>It is a {@link Transport}: the KMCL functions run in the {@link Engine} it holds, which serves
 * every channel allocated under its devices.
 */
public final class HypervBackend implements Transport {
  /** System property: the default of {@link #setOfferWaitMillis(long)}, in milliseconds. */
  public static final String OFFER_WAIT_PROPERTY = "vmbkmcl.hyperv.offerWaitMillis";

  /** System property: the default of {@link #setSubchannelWaitMillis(long)}, in milliseconds. */
  public static final String SUBCHANNEL_WAIT_PROPERTY = "vmbkmcl.hyperv.subchannelWaitMillis";

  /** How often a background wait looks at sysfs again. */
  private static final long RESCAN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final HypervPaths paths;
  private final VmbusSysfs sysfs;
  private final DeviceOpener opener;
  private final Engine engine;
  private final DeviceObject guest;
  private final GpadlPort kernelGpadls = new KernelGpadlPort();
  /** Primary channel to its open device. */
  private final Map<EngineChannel, DeviceSession> sessions = new ConcurrentHashMap<>();
  /** Open sub-channel to its link. */
  private final Map<EngineChannel, UioLink> subLinks = new ConcurrentHashMap<>();
  /** Channel to the token of its background wait (offer or sub-channel), while one runs. */
  private final Map<EngineChannel, Object> pending = new ConcurrentHashMap<>();
  /** Channel to the last call on it this backend refused; weak, so a cleaned-up channel goes. */
  private final Map<VMBCHANNEL, HypervError> lastErrors =
      Collections.synchronizedMap(new WeakHashMap<>());
  private volatile @Nullable HypervError lastAllocateError;
  private volatile long offerWaitMillis = Long.getLong(OFFER_WAIT_PROPERTY, 0L);
  private volatile long subchannelWaitMillis = Long.getLong(SUBCHANNEL_WAIT_PROPERTY, 10_000L);
  private volatile @Nullable Boolean pollSubchannels;

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
    this.engine = new Engine(this, time);
    this.guest = new HypervDevice(this, "hyperv-guest");
    this.paths = paths;
    this.sysfs = new VmbusSysfs(paths);
    this.opener = opener;
  }

  /** A device object of this backend: {@link #of(DeviceObject)} finds the backend from it. */
  private static final class HypervDevice extends DeviceObject {
    final HypervBackend owner;

    HypervDevice(HypervBackend owner, String name) {
      super(owner.engine, name);
      this.owner = owner;
    }
  }

  /**
   * SDK extension: the hyperv backend that serves {@code device}, so a driver holding only a
   * device (for example {@code VmbDefaultDeviceObject()}) can ask it {@link #lastError(VMBCHANNEL)}.
   *
   * @param device a device object of any backend
   * @return the backend, or null when {@code device} is not a hyperv device
   */
  public static @Nullable HypervBackend of(DeviceObject device) {
    return device instanceof HypervDevice d ? d.owner : null;
  }

  /** The engine that serves this backend's devices (what the facade dispatches to). */
  KmclBackend engine() {
    return engine;
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
   * SDK extension, no KMCL counterpart: the last call on {@code channel} that this backend refused
   * or that failed after it returned (a {@code VmbChannelEnable}, the background wait for its offer
   * or sub-channel, {@code VmbChannelGetSystemAddressForGpadl}, a transfer-page packet), with the
   * status and the reason or the fix. Null after a successful {@code VmbChannelEnable} of the
   * channel, or when nothing on it failed yet. Each channel has its own: a failure on one channel
   * never shows on another.
   *
   * @param channel a channel of this backend
   * @return the status and reason, or null
   */
  public @Nullable HypervError lastError(VMBCHANNEL channel) {
    return lastErrors.get(channel);
  }

  /**
   * SDK extension: why the last {@code VmbChannelAllocate} or {@code VmbChannelInitialize} made no
   * channel (a server endpoint, which a guest cannot offer), so there is no channel to ask {@link
   * #lastError(VMBCHANNEL)}; null when none was refused yet.
   *
   * @return the status and reason, or null
   */
  public @Nullable HypervError lastAllocateError() {
    return lastAllocateError;
  }

  /** The sysfs view this backend discovers devices with. */
  public VmbusSysfs sysfs() {
    return sysfs;
  }

  /**
   * {@code VmbChannelAllocate} / {@code VmbChannelInitialize}: client channels only; {@code
   * IsServer} answers {@code STATUS_NOT_SUPPORTED} because a Linux guest is never the root
   * partition (the reason is kept for {@link #lastAllocateError()}).
   */
  @Override
  public NtStatus admitEndpoint(boolean isServer) {
    return isServer ? refuseServer() : NtStatus.STATUS_SUCCESS;
  }

  private NtStatus refuseServer() {
    HypervError error = new HypervError(NtStatus.STATUS_NOT_SUPPORTED, "a Linux guest is never the root partition: server"
        + " endpoints cannot be offered from a Hyper-V guest, so the hyperv backend makes client"
        + " channels only (IsServer = FALSE)");
    lastAllocateError = error;
    return error.status();
  }

  @Override
  public NtStatus connect(ChannelConnection connection) {
    EngineChannel channel = connection.channel();
    ChannelSettings s = channel.settings();
    EngineChannel primary = s.primary();
    if (primary != null) {
      return connectSubchannel(connection, primary);
    }
    UUID type = s.targetType();
    if (type == null) {
      return fail(channel, NtStatus.STATUS_INVALID_DEVICE_STATE, "call VmbClientChannelInitSetTargetPnp"
          + " before VmbChannelEnable: the hyperv backend finds the device by its class GUID");
    }
    try {
      openPrimary(connection, type, s.targetInstance());
      lastErrors.remove(channel);
      return NtStatus.STATUS_SUCCESS;
    } catch (HypervException e) {
      long waitMillis = offerWaitMillis;
      if (waitMillis <= 0 || !offerMayStillCome(e)) {
        return fail(channel, e.error());
      }
      // KMCL's Enable returns while PnP looks for the device: wait for the offer in the background.
      Object token = new Object();
      pending.put(channel, token);
      lastErrors.remove(channel);
      connection.controlThread("offer-wait", () -> awaitOffer(connection, type, s.targetInstance(),
          token, engine.time().nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis), e));
      return NtStatus.STATUS_SUCCESS;
    }
  }

  /** A missing or not yet bound device may still be offered (or bound) within the wait. */
  private static boolean offerMayStillCome(HypervException e) {
    return e.status().equals(NtStatus.STATUS_NOT_FOUND)
        || e.status().equals(NtStatus.STATUS_INVALID_DEVICE_STATE);
  }

  private void awaitOffer(ChannelConnection connection, UUID type, @Nullable UUID instance,
      Object token, long deadline, HypervException first) {
    EngineChannel channel = connection.channel();
    HypervException last = first;
    while (pending.get(channel) == token) {
      try {
        openPrimary(connection, type, instance);
        pending.remove(channel, token);
        return;
      } catch (HypervException e) {
        last = e;
        if (!offerMayStillCome(e) || engine.time().nanoTime() - deadline >= 0) {
          break;
        }
      }
      engine.time().parkNanos(this, RESCAN_NANOS);
    }
    if (pending.remove(channel, token)) {
      String waited = "no usable device within the offer wait of " + offerWaitMillis + " ms: ";
      lastErrors.put(channel, new HypervError(last.status(), waited + last.reason()));
      connection.failed(last.status()); // runs EvtChannelPnpFailure
    }
  }

  /** Finds the device, opens it and hands the engine its primary channel. */
  private void openPrimary(ChannelConnection connection, UUID type, @Nullable UUID instance)
      throws HypervException {
    EngineChannel channel = connection.channel();
    VmbusDeviceInfo info = sysfs.find(type, instance);
    UioDevice device = opener.open(paths, info);
    channel.setActiveInstance(info.instanceId());
    channel.setTargetDevice(new HypervDevice(this, "vmbus:" + info.instanceId()));
    DeviceSession session =
        new DeviceSession(device, task -> connection.newThread(task, "interrupts"));
    session.hold(channel);
    UioLink link = new UioLink(session, connection, device.primaryRings(), true, null,
        new ChannelDoorbell(0));
    session.dispatcher().add(link);
    sessions.put(channel, session);
    session.start();
    connection.up(link);
  }

  /**
   * A sub-channel ({@code VmbChannelInitSetPrimaryChannel}, §4.5): the driver has asked the host
   * for it through its own protocol; the host offers it and uio_hv_generic opens it and makes
   * {@code channels/<relid>/ring}. Enable returns at once and the channel opens when that file
   * can be mapped, or {@code EvtChannelPnpFailure} runs when it cannot within the bound.
   */
  private NtStatus connectSubchannel(ChannelConnection connection, EngineChannel primary) {
    EngineChannel channel = connection.channel();
    DeviceSession session = sessions.get(primary);
    if (session == null || !session.isOpen()) {
      return fail(channel, NtStatus.STATUS_INVALID_DEVICE_STATE, "the primary channel of this sub-channel"
          + " is not open on the hyperv backend: enable it first");
    }
    Object token = new Object();
    pending.put(channel, token);
    lastErrors.remove(channel);
    long deadline = engine.time().nanoTime() + TimeUnit.MILLISECONDS.toNanos(subchannelWaitMillis);
    connection.controlThread("subchannel-wait",
        () -> awaitSubchannel(connection, session, token, deadline));
    return NtStatus.STATUS_SUCCESS;
  }

  private void awaitSubchannel(ChannelConnection connection, DeviceSession session, Object token,
      long deadline) {
    EngineChannel channel = connection.channel();
    int index = channel.settings().subChannelIndex();
    HypervException last = new HypervException(NtStatus.STATUS_NOT_FOUND,
        "the host offered no sub-channel" + (index > 0 ? " with subchannel_id " + index : "")
            + " of " + session.device().device().instanceId() + " (no new channels/<relid>"
            + " directory) within " + subchannelWaitMillis + " ms; ask the host for it through"
            + " the device's protocol first");
    while (pending.get(channel) == token && session.isOpen()) {
      try {
        if (openSubchannel(connection, session, index)) {
          pending.remove(channel, token);
          return;
        }
      } catch (HypervException e) {
        last = e;
        if (e.status().equals(NtStatus.STATUS_ACCESS_DENIED)
            || e.status().equals(NtStatus.STATUS_NOT_SUPPORTED)) {
          break;
        }
      }
      if (engine.time().nanoTime() - deadline >= 0) {
        break;
      }
      engine.time().parkNanos(this, RESCAN_NANOS);
    }
    if (pending.remove(channel, token)) {
      lastErrors.put(channel, last.error());
      connection.failed(last.status());
    }
  }

  /** One look for the sub-channel; false when it is not there yet. */
  private boolean openSubchannel(ChannelConnection connection, DeviceSession session, int index)
      throws HypervException {
    EngineChannel channel = connection.channel();
    UioDevice device = session.device();
    VmbusDeviceInfo now = sysfs.find(device.device().classId(), device.device().instanceId());
    for (VmbusChannelInfo sub : now.subchannels()) {
      if ((index > 0 && sub.subchannelId() != index) || sub.ringFile() == null
          || !session.claim(sub.relid())) {
        continue;
      }
      try {
        ChannelRings rings = device.mapSubchannel(sub);
        Path monitorFile = now.directory().resolve("channels/" + sub.relid() + "/monitor_id");
        MonitorTrigger monitor = Files.exists(monitorFile)
            ? device.subchannelMonitor(SysfsAttributes.decimal(monitorFile, -1))
            : null;
        if (!session.hold(channel)) {
          throw new HypervException(NtStatus.STATUS_DEVICE_REMOVED,
              "the device closed while its sub-channel " + sub.relid() + " was being opened");
        }
        boolean poll = subchannelsPoll();
        UioLink link = new UioLink(session, connection, rings, false, monitor,
            new ChannelDoorbell(poll ? ChannelDoorbell.defaultPollNanos() : 0));
        session.dispatcher().add(link);
        subLinks.put(channel, link);
        channel.setActiveInstance(now.instanceId());
        channel.setTargetDevice(
            new HypervDevice(this, "vmbus:" + now.instanceId() + "/" + sub.relid()));
        connection.up(link);
        return true;
      } catch (HypervException | RuntimeException e) {
        session.unclaim(sub.relid());
        throw e;
      }
    }
    return false;
  }

  /**
   * Before Linux 6.18 (and the stable backports of "Let userspace take care of interrupt mask",
   * §4.7) the kernel could keep a sub-channel's RX interrupt masked, so its driver polls the ring.
   */
  private boolean subchannelsPoll() {
    if (pollSubchannels != null) {
      return pollSubchannels;
    }
    KernelRelease release = KernelRelease.read(paths.kernelRelease());
    return release == null || !release.isAtLeast(6, 18);
  }

  /**
   * SDK extension, no KMCL counterpart: how long {@code VmbChannelEnable} of a primary client
   * channel waits in the background for its device to be offered and bound to uio_hv_generic
   * (after a rescind, or before the host offers it). 0, the default unless the system property
   * {@value #OFFER_WAIT_PROPERTY} sets it, fails at once as before. When the wait ends without a
   * usable device, {@code EvtChannelPnpFailure} runs with the last failure.
   *
   * @param waitMillis the bound in milliseconds, 0 or more
   * @throws IllegalArgumentException when negative
   */
  public void setOfferWaitMillis(long waitMillis) {
    if (waitMillis < 0) {
      throw new IllegalArgumentException("offer wait " + waitMillis + " ms is negative");
    }
    offerWaitMillis = waitMillis;
  }

  /**
   * SDK extension: how long {@code VmbChannelEnable} of a sub-channel waits for the host to offer
   * it and for its {@code ring} file to appear (default 10 s, or the system property {@value
   * #SUBCHANNEL_WAIT_PROPERTY}).
   *
   * @param waitMillis the bound in milliseconds, 0 or more
   * @throws IllegalArgumentException when negative
   */
  public void setSubchannelWaitMillis(long waitMillis) {
    if (waitMillis < 0) {
      throw new IllegalArgumentException("sub-channel wait " + waitMillis + " ms is negative");
    }
    subchannelWaitMillis = waitMillis;
  }

  /** Test seam: whether sub-channels poll, instead of deciding by the kernel release. */
  void forceSubchannelPolling(boolean poll) {
    pollSubchannels = poll;
  }

  /** Whether the open sub-channel {@code channel} polls its ring (diagnostics and tests). */
  boolean pollsSubchannel(EngineChannel channel) {
    UioLink link = subLinks.get(channel);
    return link != null && link.polls();
  }

  /**
   * {@code VmbChannelGetSystemAddressForGpadl} for the GPADLs the kernel made for the device
   * ({@code recv:<gpadl>} and {@code send:<gpadl>} uio maps, §4.4): the buffer, mapped once per
   * open device. A guest driver learns the handles from lsvmbus or {@link
   * VmbusDeviceInfo#kernelGpadls()}; it cannot create GPADLs of its own (#62).
   */
  @Override
  public GpadlPort gpadls() {
    return kernelGpadls;
  }

  /** The kernel-made GPADLs of an open device; every other GPADL call is not supported. */
  private final class KernelGpadlPort implements GpadlPort {
    @Override
    public NtStatus systemAddress(EngineChannel channel, int flags, int handle,
        Ref<ByteBuffer> address) {
      DeviceSession session = sessionOf(channel);
      if (session == null) {
        return fail(channel, NtStatus.STATUS_INVALID_DEVICE_STATE, "the channel is not open on the"
            + " hyperv backend, so it has no device whose GPADLs could be mapped");
      }
      try {
        address.set(session.device().kernelGpadlBuffer(handle));
        return NtStatus.STATUS_SUCCESS;
      } catch (HypervException e) {
        return fail(channel, e.error());
      }
    }
  }

  /**
   * {@code VmbChannelPacketGetExternalData} of a transfer-page packet: its ranges resolved into the
   * device's kernel-made receive buffer ({@code recv:<gpadl>}), one MDL element per range, each
   * with the buffer as its system address (the set id is not checked: uio gives a device one
   * receive buffer). A range outside the buffer, or empty, answers {@code STATUS_DATA_ERROR}.
   */
  @Override
  public NtStatus mapTransferPages(EngineChannel channel, ByteBuffer header, int flags,
      Ref<Mdl> mdl) {
    DeviceSession session = sessionOf(channel);
    if (session == null) {
      return NtStatus.STATUS_INVALID_DEVICE_STATE;
    }
    KernelGpadl receive = session.device().device().kernelGpadls().stream()
        .filter(g -> g.kind().equals(KernelGpadl.RECEIVE)).findFirst().orElse(null);
    if (receive == null) {
      return fail(channel, NtStatus.STATUS_NOT_SUPPORTED, "a transfer-page packet arrived but the kernel made"
          + " no receive buffer (uio map recv:<gpadl>) for this device");
    }
    try {
      ByteBuffer buffer = session.device().kernelGpadlBuffer(receive.handle());
      Mdl resolved = TransferPageRanges.resolve(header, buffer);
      if (resolved == null) {
        return fail(channel, NtStatus.STATUS_DATA_ERROR, "a transfer-page range of the host lies outside the"
            + " receive buffer of " + buffer.capacity() + " bytes, or is empty");
      }
      mdl.set(resolved);
      return NtStatus.STATUS_SUCCESS;
    } catch (HypervException e) {
      return fail(channel, e.error());
    }
  }

  private @Nullable DeviceSession sessionOf(EngineChannel channel) {
    EngineChannel primary = channel.settings().primary();
    DeviceSession session = sessions.get(primary == null ? channel : primary);
    if (session == null || !session.isOpen()) {
      return null;
    }
    if (primary != null && !subLinks.containsKey(channel)) {
      return null;
    }
    return session;
  }

  private NtStatus fail(VMBCHANNEL channel, NtStatus status, String reason) {
    return fail(channel, new HypervError(status, reason));
  }

  private NtStatus fail(VMBCHANNEL channel, HypervError error) {
    lastErrors.put(channel, error);
    return error.status();
  }

  @Override
  public void disconnect(EngineChannel channel) {
    pending.remove(channel); // a background wait for the offer or sub-channel ends
    UioLink sub = subLinks.remove(channel);
    EngineChannel primary = channel.settings().primary();
    DeviceSession session = sessions.get(primary == null ? channel : primary);
    if (primary == null) {
      sessions.remove(channel);
    }
    if (sub != null) {
      sub.close();
    } else if (session != null && primary == null) {
      session.release(channel);
    }
  }
}
