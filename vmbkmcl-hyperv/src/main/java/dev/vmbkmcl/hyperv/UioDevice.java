package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.NtStatus;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A VMBus device opened through {@code uio_hv_generic} (ring reference §4): {@code /dev/uioN} open
 * read-write, map {@code txrx_rings} mmapped with libc (§4.4; {@code FileChannel.map} cannot map uio
 * nodes), and the fd used as the doorbell in both directions (§3.9, §4.3); a monitored channel
 * also sets its bit in the mapped monitor page ({@link MonitorTrigger}) to signal the host.
 *
 * <p>Opening the first descriptor of {@code /dev/uioN} opens the VMBus channel and the kernel zeroes
 * both control pages (§1.7); closing the last descriptor closes the channel.
 *
 * <p><b>Lifetime:</b> the ring buffers point into kernel memory that {@link #close()} unmaps. Stop
 * every thread that uses {@link #outgoingRing()}, {@link #incomingRing()} or a {@link
 * ChannelRings} before closing; a buffer touched after close crashes the JVM. A thread blocked in
 * {@link #awaitInterrupt(int)} is woken by close and gets {@link #CLOSED}.
 */
public final class UioDevice implements AutoCloseable {

  /** {@link #awaitInterrupt(int)}: the interrupt count changed (the host signalled). */
  public static final int INTERRUPT = 0;

  /** {@link #awaitInterrupt(int)}: the timeout passed without an interrupt. */
  public static final int TIMEOUT = 1;

  /** {@link #awaitInterrupt(int)}: the host rescinded the channel (POLLERR, EIO); close the device. */
  public static final int RESCINDED = 2;

  /** {@link #awaitInterrupt(int)}: the device was closed, possibly by another thread. */
  public static final int CLOSED = 3;

  /** {@link #awaitInterrupt(int)}: {@link #wakeup()} was called. */
  public static final int WOKEN = 4;

  private final VmbusDeviceInfo device;
  private final HypervPaths paths;
  private final int fd;
  private final @Nullable StandInDoorbells standInDoorbells;
  private final ChannelRings primary;
  private final @Nullable MonitorTrigger monitor;
  private final UioEventPort events;
  private final Map<Integer, ChannelRings> subchannels = new LinkedHashMap<>();
  private final Map<Integer, NativeMapping> kernelGpadls = new LinkedHashMap<>();
  private final long pageSize;
  private final @Nullable Path standInNode;
  private final List<MonitorTrigger> subchannelMonitors = new ArrayList<>();
  private boolean closed;

  private UioDevice(
      VmbusDeviceInfo device,
      HypervPaths paths,
      int fd,
      @Nullable StandInDoorbells standInDoorbells,
      ChannelRings primary,
      @Nullable MonitorTrigger monitor,
      UioEventPort events,
      long pageSize,
      @Nullable Path standInNode) {
    this.device = device;
    this.pageSize = pageSize;
    this.standInNode = standInNode;
    this.paths = paths;
    this.fd = fd;
    this.standInDoorbells = standInDoorbells;
    this.primary = primary;
    this.monitor = monitor;
    this.events = events;
  }

  /**
   * Opens a device found by {@link VmbusSysfs} and maps its primary ring pair (§4.8 step 1).
   *
   * @param paths where {@code /dev} and the kernel release are
   * @param device the device; must be bound to uio_hv_generic
   * @return the open device
   * @throws HypervException with a message naming the fix: {@code STATUS_NOT_SUPPORTED} (not Linux
   *     x86_64/aarch64, kernel older than 6.10 for a device without monitor, unexpected ring size),
   *     {@code STATUS_INVALID_DEVICE_STATE} (not bound to uio_hv_generic), {@code STATUS_NOT_FOUND}
   *     (no uio node, no {@code txrx_rings} map, no {@code /dev/uioN}), {@code
   *     STATUS_ACCESS_DENIED} (EACCES/EPERM on {@code /dev/uioN}), {@code STATUS_UNSUCCESSFUL}
   */
  public static UioDevice open(HypervPaths paths, VmbusDeviceInfo device) throws HypervException {
    return open(paths, device, false);
  }

  /**
   * Test seam, never used on a real device: as {@link #open(HypervPaths, VmbusDeviceInfo)} over a
   * regular file standing in for {@code /dev/uioN}, with the doorbells moved to the FIFOs of {@link
   * StandInDoorbells} beside it (a signal written to the file itself would land in the ring) and
   * a monitored device's monitor page in the file {@code <node>.map<K>} beside it.
   */
  static UioDevice openWithStandInDoorbells(HypervPaths paths, VmbusDeviceInfo device)
      throws HypervException {
    return open(paths, device, true, HV_PAGE);
  }

  /**
   * Test seam: as {@link #openWithStandInDoorbells(HypervPaths, VmbusDeviceInfo)} as if the kernel's
   * pages were {@code pageSize} bytes (ring headers of that size, §0), for 64 KiB-page guests.
   */
  static UioDevice openWithStandInDoorbells(
      HypervPaths paths, VmbusDeviceInfo device, long pageSize) throws HypervException {
    return open(paths, device, true, pageSize);
  }

  private static final long HV_PAGE = ChannelRings.HV_PAGE_SIZE;

  private static UioDevice open(HypervPaths paths, VmbusDeviceInfo device, boolean standIn)
      throws HypervException {
    return open(paths, device, standIn, NativeMapping.pageSize());
  }

  private static UioDevice open(
      HypervPaths paths, VmbusDeviceInfo device, boolean standIn, long pageSize)
      throws HypervException {
    if (!LibC.isSupportedPlatform()) {
      throw new HypervException(
          NtStatus.STATUS_NOT_SUPPORTED,
          "the uio backend needs Linux on x86_64 or aarch64; this is "
              + System.getProperty("os.name")
              + " on "
              + System.getProperty("os.arch"));
    }
    String uio = UioPreconditions.requireUioNode(paths, device);
    UioMapInfo rings =
        device
            .uioMap(UioMapInfo.TXRX_RINGS)
            .orElseThrow(
                () ->
                    new HypervException(
                        NtStatus.STATUS_NOT_FOUND,
                        UioPreconditions.describe(device)
                            + ": "
                            + paths.uioClassRoot().resolve(uio).resolve("maps")
                            + " has no map named "
                            + UioMapInfo.TXRX_RINGS
                            + "; maps found: "
                            + UioPreconditions.mapsFound(device)
                            + ". Is the device really bound to uio_hv_generic?"));
    String what = "uio map " + rings.index() + " (" + rings.name() + ") of " + uio;
    int headerSize = ChannelRings.headerSizeFor(pageSize);
    int ringSize = ChannelRings.checkedRingSize(rings.size(), headerSize, what);
    Path node = paths.devDir().resolve(uio);
    int fd = DeviceFiles.openReadWrite(node, missingNodeFix(paths, uio));
    NativeMapping mapping = null;
    StandInDoorbells doorbells = null;
    MonitorTrigger monitor = null;
    try {
      mapping = NativeMapping.map(fd, rings.index() * pageSize, 2 * ringSize, what);
      if (device.monitored()) {
        monitor = MonitorTrigger.map(device, fd, standIn ? node : null);
      }
      UioEventPort events;
      if (standIn) {
        doorbells = StandInDoorbells.beside(node);
        events = UioEventPort.over(doorbells.signalFd(), doorbells.interruptFd(), monitor);
      } else {
        events = UioEventPort.over(fd, fd, monitor);
      }
      return new UioDevice(
          device,
          paths,
          fd,
          doorbells,
          new ChannelRings(device.relid(), mapping, ringSize, headerSize),
          monitor,
          events,
          pageSize,
          standIn ? node : null);
    } catch (HypervException | RuntimeException e) {
      if (doorbells != null) {
        doorbells.close();
      }
      if (monitor != null) {
        monitor.close();
      }
      if (mapping != null) {
        mapping.close();
      }
      LibC.close(fd);
      throw e;
    }
  }

  private static String missingNodeFix(HypervPaths paths, String uio) {
    String dev = SysfsAttributes.text(paths.uioClassRoot().resolve(uio).resolve("dev"));
    String node = paths.devDir().resolve(uio).toString();
    if (dev != null && dev.matches("\\d+:\\d+")) {
      return "sysfs lists "
          + uio
          + " but udev did not create the node; as root: mknod "
          + node
          + " c "
          + dev.replace(':', ' ');
    }
    return "sysfs lists "
        + uio
        + " but its device node is missing; check udev, or as root mknod "
        + node
        + " c MAJOR MINOR with the numbers from "
        + paths.uioClassRoot().resolve(uio).resolve("dev");
  }

  /**
   * The device as sysfs described it when it was opened.
   *
   * @return the device
   */
  public VmbusDeviceInfo device() {
    return device;
  }

  /**
   * The primary channel's ring pair (map {@code txrx_rings}).
   *
   * @return the rings
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized ChannelRings primaryRings() {
    requireOpen();
    return primary;
  }

  /**
   * The primary channel's Guest TX ring (guest to host): first half of map {@code txrx_rings}.
   *
   * @return a new little-endian view of the ring
   * @throws IllegalStateException after {@link #close()}
   */
  public ByteBuffer outgoingRing() {
    return primaryRings().outgoingRing();
  }

  /**
   * The primary channel's Guest RX ring (host to guest): second half of map {@code txrx_rings}.
   *
   * @return a new little-endian view of the ring
   * @throws IllegalStateException after {@link #close()}
   */
  public ByteBuffer incomingRing() {
    return primaryRings().incomingRing();
  }

  /**
   * Maps a subchannel's {@code ring} file (§4.5): TX ring first half, RX ring second half. Mapping
   * the same relid again returns the same rings. The rings stay mapped until {@link #close()}.
   *
   * @param channel a channel of this device, from {@link VmbusDeviceInfo#subchannels()}
   * @return the channel's rings
   * @throws HypervException {@code STATUS_NOT_FOUND} when the ring file is missing (it appears
   *     shortly after binding), {@code STATUS_NOT_SUPPORTED} for an unexpected size, {@code
   *     STATUS_ACCESS_DENIED} when it may not be opened, {@code STATUS_INVALID_DEVICE_STATE} after
   *     close
   */
  public synchronized ChannelRings mapSubchannel(VmbusChannelInfo channel)
      throws HypervException {
    if (closed) {
      throw new HypervException(
          NtStatus.STATUS_INVALID_DEVICE_STATE, "the uio device is closed");
    }
    ChannelRings known = subchannels.get(channel.relid());
    if (known != null) {
      return known;
    }
    Path ring = device.directory().resolve("channels/" + channel.relid() + "/ring");
    String retry =
        "uio_hv_generic creates the ring file of a channel shortly after the channel appears, and"
            + " only while it owns the device: retry in a moment.";
    long size = VmbusSysfs.fileSize(ring);
    if (size < 0) {
      throw DeviceFiles.openFailure(ring, LibC.ENOENT, retry);
    }
    int headerSize = primary.headerSize();
    int ringSize = ChannelRings.checkedRingSize(size, headerSize, "ring file " + ring);
    int ringFd = DeviceFiles.openReadWrite(ring, retry);
    NativeMapping mapping;
    try {
      mapping = NativeMapping.map(ringFd, 0, 2 * ringSize, "ring file " + ring);
    } finally {
      LibC.close(ringFd); // the mapping keeps the file referenced; the fd is not needed any more
    }
    ChannelRings rings = new ChannelRings(channel.relid(), mapping, ringSize, headerSize);
    subchannels.put(channel.relid(), rings);
    return rings;
  }

  /**
   * The buffer of a GPADL the kernel made for this device (map {@code recv:<gpadl>} or {@code
   * send:<gpadl>}, §4.4), mapped on first use and kept until {@link #close()}.
   *
   * @param handle the GPADL handle from the map name
   * @return a new little-endian view of the whole buffer
   * @throws HypervException {@code STATUS_INVALID_PARAMETER_3} when the device has no such GPADL
   *     (the message lists those it has), {@code STATUS_INVALID_DEVICE_STATE} after close, {@code
   *     STATUS_UNSUCCESSFUL} when mmap fails
   */
  public synchronized ByteBuffer kernelGpadlBuffer(int handle) throws HypervException {
    if (closed) {
      throw new HypervException(
          NtStatus.STATUS_INVALID_DEVICE_STATE, "the uio device is closed");
    }
    NativeMapping known = kernelGpadls.get(handle);
    if (known != null) {
      return known.buffer();
    }
    KernelGpadl gpadl = null;
    for (KernelGpadl g : device.kernelGpadls()) {
      if (g.handle() == handle) {
        gpadl = g;
      }
    }
    if (gpadl == null) {
      throw new HypervException(
          NtStatus.STATUS_INVALID_PARAMETER_3,
          "GPADL "
              + Integer.toUnsignedString(handle)
              + " is not one the kernel made for "
              + UioPreconditions.describe(device)
              + "; its kernel-made GPADLs (uio maps recv:/send:): "
              + (device.kernelGpadls().isEmpty()
                  ? "none"
                  : device.kernelGpadls().stream()
                      .map(g -> g.kind() + ":" + g.handleText())
                      .toList()));
    }
    NativeMapping mapping =
        NativeMapping.map(
            fd,
            gpadl.mapIndex() * pageSize,
            gpadl.size(),
            "uio map " + gpadl.mapIndex() + " (" + gpadl.kind() + ":" + gpadl.handleText() + ")");
    kernelGpadls.put(handle, mapping);
    return mapping.buffer();
  }

  /**
   * The monitor bit of a sub-channel whose {@code channels/<relid>/monitor_id} reads {@code
   * monitorId} (§4.5): the device's monitor page mapped for that id, kept until {@link #close()}.
   *
   * @param monitorId the sub-channel's monitor id, 0 to 127
   * @return the trigger to pass to {@link #signalHost(MonitorTrigger)}
   * @throws HypervException as {@link MonitorTrigger#map(VmbusDeviceInfo, int, int, Path)}, {@code
   *     STATUS_INVALID_DEVICE_STATE} after close
   */
  synchronized MonitorTrigger subchannelMonitor(int monitorId) throws HypervException {
    if (closed) {
      throw new HypervException(
          NtStatus.STATUS_INVALID_DEVICE_STATE, "the uio device is closed");
    }
    MonitorTrigger trigger = MonitorTrigger.map(device, monitorId, fd, standInNode);
    subchannelMonitors.add(trigger);
    return trigger;
  }

  /**
   * Signals the host for a sub-channel (§4.5): its own monitor bit when it has one, then the uio
   * write, which on Linux 6.10+ signals every channel of the device without a monitor.
   *
   * @param channelMonitor the sub-channel's bit from {@link #subchannelMonitor(int)}, or null
   * @throws HypervException as {@link #signalHost()}
   */
  void signalHost(@Nullable MonitorTrigger channelMonitor) throws HypervException {
    events.signal(channelMonitor);
  }

  /**
   * Signals the host (§3.9, §4.3): a monitored channel first sets its bit in the monitor page
   * ({@code monitor_page}); then the s32 value 1 (4 bytes) goes to {@code /dev/uioN}. On Linux 6.10+
   * that write clears the RX interrupt mask and signals every channel of the device that has no
   * monitor; for monitored channels it only unmasks.
   *
   * @throws HypervException {@code STATUS_DEVICE_REMOVED} when the channel was rescinded, {@code
   *     STATUS_INVALID_DEVICE_STATE} after {@link #close()}
   */
  public void signalHost() throws HypervException {
    events.signal();
  }

  /**
   * Waits until the host signals any channel of the device: {@code poll(POLLIN)} on the fd, then a
   * 4-byte read of the interrupt count (§4.3). Interrupts are counted, not queued: several may
   * collapse into one wake-up. Only one thread may wait at a time.
   *
   * @param timeoutMillis longest wait in milliseconds; 0 checks without waiting, negative waits until
   *     an interrupt, a rescind or {@link #close()}
   * @return {@link #INTERRUPT}, {@link #TIMEOUT}, {@link #RESCINDED}, {@link #CLOSED} or {@link
   *     #WOKEN}
   * @throws HypervException {@code STATUS_UNSUCCESSFUL} on an unexpected errno
   * @throws IllegalStateException when another thread is already waiting
   */
  public int awaitInterrupt(int timeoutMillis) throws HypervException {
    return events.await(timeoutMillis);
  }

  /** Makes a current or the next {@link #awaitInterrupt(int)} return {@link #WOKEN}. */
  public void wakeup() {
    events.wakeup();
  }

  /**
   * The s32 interrupt count read by the last {@link #awaitInterrupt(int)} that returned {@link
   * #INTERRUPT}.
   *
   * @return the count (0 before the first interrupt)
   */
  public int lastInterruptCount() {
    return events.lastCount();
  }

  /**
   * Closes the device: wakes a waiting thread, unmaps every ring, then closes {@code /dev/uioN}
   * (the last close closes the VMBus channel, §4.6). Later calls do nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    events.close(); // returns once no signal is using the monitor page either
    if (monitor != null) {
      monitor.close();
    }
    subchannelMonitors.forEach(MonitorTrigger::close);
    subchannels.values().forEach(ChannelRings::unmap);
    kernelGpadls.values().forEach(NativeMapping::close);
    primary.unmap();
    LibC.close(fd);
    if (standInDoorbells != null) {
      standInDoorbells.close();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the uio device " + device.uioName() + " is closed");
    }
  }

  @Override
  public String toString() {
    return "UioDevice["
        + paths.devDir().resolve(String.valueOf(device.uioName()))
        + ", "
        + UioPreconditions.describe(device)
        + "]";
  }
}
