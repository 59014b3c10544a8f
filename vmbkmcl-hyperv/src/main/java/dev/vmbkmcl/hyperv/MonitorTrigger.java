package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.NtStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How a monitored channel signals the host from user space (ring reference §3.9): it sets its
 * pending bit in the guest-to-host monitor page, uio map {@code monitor_page}, and the host finds
 * it when it scans the page. User space cannot make the SignalEvent hypercall, and on such a channel
 * the uio {@code write(fd, 1)} only unmasks.
 *
 * <p>The page is shared with the kernel and every other VMBus channel of the guest (§4.4), so the
 * only write is an atomic OR of this channel's one bit: {@code monitor_id % 32} of the u32 {@code
 * pending} of trigger group {@code monitor_id / 32}, at byte {@code 8 + 8 × group}. Nothing else in
 * the page is written, not even the latency entries.
 */
final class MonitorTrigger implements AutoCloseable {

  /** Name of the uio map of the guest-to-host monitor page (§4.4, map 2 on every kernel so far). */
  static final String MAP_NAME = "monitor_page";

  /** Highest monitor id: four trigger groups of 32 (§3.9). */
  static final int MAX_MONITOR_ID = 127;

  private static final int FIRST_PENDING = 8;
  private static final int GROUP_STRIDE = 8;
  private static final int BITS_PER_GROUP = 32;
  /** Bytes of the page up to the end of the last group's {@code pending} and {@code armed} words. */
  private static final int TRIGGER_GROUPS_END = FIRST_PENDING + 4 * GROUP_STRIDE;

  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final @Nullable NativeMapping mapping;
  private final ByteBuffer page;
  private final int pendingOffset;
  private final int pendingBit;

  private MonitorTrigger(@Nullable NativeMapping mapping, ByteBuffer page, int monitorId) {
    this.mapping = mapping;
    this.page = page;
    this.pendingOffset = pendingOffset(monitorId);
    this.pendingBit = pendingBit(monitorId);
  }

  /**
   * Byte offset in the monitor page of the u32 {@code pending} word that holds a monitor id's bit.
   *
   * @param monitorId 0 to {@link #MAX_MONITOR_ID}
   */
  static int pendingOffset(int monitorId) {
    return FIRST_PENDING + GROUP_STRIDE * (monitorId / BITS_PER_GROUP);
  }

  /**
   * The monitor id's bit in its {@code pending} word.
   *
   * @param monitorId 0 to {@link #MAX_MONITOR_ID}
   */
  static int pendingBit(int monitorId) {
    return 1 << (monitorId % BITS_PER_GROUP);
  }

  /**
   * A trigger over a page already in memory; the caller keeps it alive.
   *
   * @param page the monitor page, a direct buffer (atomic updates need one), at least 40 bytes
   * @param monitorId 0 to {@link #MAX_MONITOR_ID}
   * @throws IllegalArgumentException for an id out of range, a heap buffer or a page too short
   */
  static MonitorTrigger over(ByteBuffer page, int monitorId) {
    if (monitorId < 0 || monitorId > MAX_MONITOR_ID) {
      throw new IllegalArgumentException("monitor id " + monitorId + " is not in [0, 127]");
    }
    if (!page.isDirect() || page.capacity() < TRIGGER_GROUPS_END) {
      throw new IllegalArgumentException("the monitor page must be a direct buffer of at least "
          + TRIGGER_GROUPS_END + " bytes, not " + page);
    }
    return new MonitorTrigger(null, page, monitorId);
  }

  /**
   * Maps the monitor page of a monitored device (§4.8 step 1).
   *
   * @param device a device whose {@link VmbusDeviceInfo#monitored()} is true
   * @param fd the open {@code /dev/uioN}; map {@code K} lies at {@code K × PAGE_SIZE}
   * @param standInNode test seam: when not null, the map is the file {@code <node>.map<K>} instead
   * @throws HypervException {@code STATUS_NOT_SUPPORTED} when {@code monitor_id} is not a monitor
   *     id or the map is too small, {@code STATUS_NOT_FOUND} when uio lists no {@value #MAP_NAME}
   *     map, {@code STATUS_UNSUCCESSFUL} when mmap fails
   */
  static MonitorTrigger map(VmbusDeviceInfo device, int fd, @Nullable Path standInNode)
      throws HypervException {
    return map(device, device.monitorId(), fd, standInNode);
  }

  /**
   * As {@link #map(VmbusDeviceInfo, int, Path)} for the bit of monitor id {@code id}: a
   * sub-channel's own {@code channels/<relid>/monitor_id} (§4.5).
   */
  static MonitorTrigger map(VmbusDeviceInfo device, int id, int fd, @Nullable Path standInNode)
      throws HypervException {
    if (id < 0 || id > MAX_MONITOR_ID) {
      throw new HypervException(
          NtStatus.STATUS_NOT_SUPPORTED,
          UioPreconditions.describe(device)
              + ": sysfs monitor_id "
              + (id == VmbusDeviceInfo.UNREADABLE_MONITOR_ID ? "is not a number" : "reads " + id)
              + ", not a monitor id from 0 to "
              + MAX_MONITOR_ID
              + " (§3.9), so the channel cannot signal the host.");
    }
    UioMapInfo map =
        device
            .uioMap(MAP_NAME)
            .orElseThrow(
                () ->
                    new HypervException(
                        NtStatus.STATUS_NOT_FOUND,
                        UioPreconditions.describe(device)
                            + " has a monitor (monitor_id "
                            + id
                            + ") but its uio node lists no map named "
                            + MAP_NAME
                            + "; maps found: "
                            + UioPreconditions.mapsFound(device)
                            + ". Without it the channel cannot signal the host."));
    String what = "uio map " + map.index() + " (" + MAP_NAME + ") of " + device.uioName();
    if (map.size() < TRIGGER_GROUPS_END) {
      throw new HypervException(
          NtStatus.STATUS_NOT_SUPPORTED,
          what + " is " + map.size() + " bytes; a monitor page has at least " + TRIGGER_GROUPS_END);
    }
    // The kernel rounds a map up to whole pages, so one page is always within it.
    int length = (int) NativeMapping.pageSize();
    NativeMapping mapping =
        standInNode == null
            ? NativeMapping.map(fd, map.index() * NativeMapping.pageSize(), length, what)
            : mapStandIn(standInNode, map.index(), length, what);
    return new MonitorTrigger(mapping, mapping.buffer(), id);
  }

  private static NativeMapping mapStandIn(Path node, int index, int length, String what)
      throws HypervException {
    Path file = node.resolveSibling(node.getFileName() + ".map" + index);
    // Touching a mapping past the end of a file is SIGBUS: refuse a short stand-in instead.
    if (VmbusSysfs.fileSize(file) < length) {
      throw new HypervException(
          NtStatus.STATUS_NOT_FOUND, "stand-in " + file + " is missing or shorter than "
              + length + " bytes");
    }
    int standInFd = DeviceFiles.openReadWrite(file, "create the stand-in map file");
    try {
      return NativeMapping.map(standInFd, 0, length, what);
    } finally {
      LibC.close(standInFd);
    }
  }

  /**
   * Sets this channel's pending bit, leaving every other bit as the kernel, the host or another
   * channel left it. Must not be called after {@link #close()}.
   */
  void trigger() {
    INT.getAndBitwiseOr(page, pendingOffset, pendingBit);
  }

  /** Unmaps the page when this trigger mapped it; no {@link #trigger()} may run or follow. */
  @Override
  public void close() {
    if (mapping != null) {
      mapping.close();
    }
  }
}
