package dev.vmbkmcl.hyperv;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelGetSystemAddressForGpadl;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketGetExternalData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPADLs the kernel made for a device, uio maps {@code recv:<gpadl>} and {@code send:<gpadl>}
 * (ring reference §4.4): found by name, mapped once, returned by {@code
 * VmbChannelGetSystemAddressForGpadl}, and the target of transfer-page packets (§2.8), whose ranges
 * {@code VmbChannelPacketGetExternalData} resolves into the receive buffer. The fake node puts the
 * maps at indices 8 and 12 so that, in one regular file, they do not overlap map 0 (a real kernel
 * uses 3 and 4; the index is read from sysfs either way).
 */
class HypervKernelGpadlTest {

  private static final UUID CLASS = VmbusClasses.DYNAMIC_MEMORY;
  private static final String INSTANCE = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  private static final int RECV_HANDLE = 42;
  private static final int SEND_HANDLE = 43;
  private static final int RECV_INDEX = 8;
  private static final int SEND_INDEX = 12;
  private static final int RECV_SIZE = 0x4000;
  private static final int SEND_SIZE = 0x2000;
  private static final int PAGE = 4096;

  @TempDir Path temp;
  private SimulatedHost host;
  private HypervBackend backend;
  private MappedByteBuffer hostRecv;
  private MappedByteBuffer hostSend;

  @BeforeEach
  void deviceWithKernelGpadls() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    host = tree.hostedDevice(INSTANCE, CLASS, 14, "uio0").openChannel(false);
    tree.device(INSTANCE, CLASS, 14)
        .map("uio0", RECV_INDEX, "recv:" + RECV_HANDLE, RECV_SIZE)
        .map("uio0", SEND_INDEX, "send:" + SEND_HANDLE, SEND_SIZE);
    Path node = tree.paths.devDir().resolve("uio0");
    FakeVmbusTree.sizedFile(node, (long) SEND_INDEX * PAGE + SEND_SIZE);
    // The host's (the kernel's) own view of the same buffers: a second, independent mapping.
    try (FileChannel file =
        FileChannel.open(node, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      hostRecv = file.map(FileChannel.MapMode.READ_WRITE, (long) RECV_INDEX * PAGE, RECV_SIZE);
      hostSend = file.map(FileChannel.MapMode.READ_WRITE, (long) SEND_INDEX * PAGE, SEND_SIZE);
    }
    backend = new HypervBackend(tree.paths, TimeSource.SYSTEM, UioDevice::openWithStandInDoorbells);
  }

  @AfterEach
  void stop() {
    host.close();
  }

  @Test
  void sysfsListsTheHandlesFromTheMapNames() throws Exception {
    VmbusDeviceInfo info = backend.sysfs().find(CLASS);
    assertEquals(List.of(
            new KernelGpadl(KernelGpadl.RECEIVE, RECV_HANDLE, RECV_INDEX, RECV_SIZE),
            new KernelGpadl(KernelGpadl.SEND, SEND_HANDLE, SEND_INDEX, SEND_SIZE)),
        info.kernelGpadls());
  }

  @Test
  void badMapNamesAndSizesAreNotGpadls() {
    List<UioMapInfo> maps = List.of(
        new UioMapInfo(3, "recv:", 4096),
        new UioMapInfo(4, "recv:4294967296", 4096), // beyond u32
        new UioMapInfo(5, "send:7", 0),
        new UioMapInfo(6, "send:8", 1L << 32),
        new UioMapInfo(7, "recv:-1", 4096),
        new UioMapInfo(8, "send:4294967295", 4096));
    assertEquals(List.of(new KernelGpadl(KernelGpadl.SEND, -1, 8, 4096)),
        KernelGpadl.among(maps));
    assertEquals("4294967295", KernelGpadl.among(maps).get(0).handleText());
  }

  @Test
  void aPatternWrittenThroughOneMappingReadsBackThroughTheOther() throws Exception {
    GuestChannel guest = GuestChannel.allocate(backend, CLASS, null, GuestChannel.COMPLETE).start();
    Ref<ByteBuffer> recv = new Ref<>();
    Ref<ByteBuffer> send = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbChannelGetSystemAddressForGpadl(guest.channel, 0, RECV_HANDLE, recv));
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbChannelGetSystemAddressForGpadl(guest.channel, 0, SEND_HANDLE, send));
    ByteBuffer r = recv.require();
    ByteBuffer s = send.require();
    assertEquals(RECV_SIZE, r.capacity());
    assertEquals(SEND_SIZE, s.capacity());
    for (int i = 0; i < RECV_SIZE; i += 4) {
      hostRecv.putInt(i, 0x5A000000 | i);
    }
    for (int i = 0; i < RECV_SIZE; i += 4) {
      assertEquals(0x5A000000 | i, r.order(ByteOrder.BIG_ENDIAN).getInt(i), "recv byte " + i);
    }
    s.putLong(SEND_SIZE - 8, 0x0123456789ABCDEFL);
    assertEquals(0x0123456789ABCDEFL, hostSend.order(s.order()).getLong(SEND_SIZE - 8));
    // Mapped once: a second call returns a view of the same memory.
    Ref<ByteBuffer> again = new Ref<>();
    VmbChannelGetSystemAddressForGpadl(guest.channel, 0, SEND_HANDLE, again);
    assertEquals(0x0123456789ABCDEFL, again.require().order(s.order()).getLong(SEND_SIZE - 8));

    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_3,
        VmbChannelGetSystemAddressForGpadl(guest.channel, 0, 44, new Ref<>()));
    assertTrue(Objects.requireNonNull(backend.lastError(guest.channel)).reason().contains("recv:42"),
        String.valueOf(backend.lastError(guest.channel)));
    guest.disableAndCleanup();
    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE,
        VmbChannelGetSystemAddressForGpadl(guest.channel, 0, RECV_HANDLE, new Ref<>()));
  }

  /** One transfer-page packet as the driver saw it. */
  private record Seen(int flags, NtStatus status, List<byte[]> ranges, List<Byte> payload) {}

  private static byte[] transferPageHeader(int[][] ranges) {
    ByteBuffer h = ByteBuffer.allocate(8 + 8 * ranges.length).order(ByteOrder.LITTLE_ENDIAN);
    h.putShort((short) 0xCAFE).put((byte) 0).put((byte) 0).putInt(ranges.length);
    for (int[] range : ranges) {
      h.putInt(range[0]).putInt(range[1]); // byte_count, byte_offset
    }
    return h.array();
  }

  @Test
  void transferPageRangesResolveIntoTheReceiveBuffer() throws Exception {
    BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    GuestChannel guest = GuestChannel.allocate(backend, CLASS, null, (packet, payload, flags) -> {
      Ref<Mdl> mdl = new Ref<>();
      NtStatus status = VmbChannelPacketGetExternalData(packet, 0, mdl);
      List<byte[]> ranges = new ArrayList<>();
      for (Mdl m = mdl.get(); m != null; m = m.next()) {
        ByteBuffer view = Objects.requireNonNull(m.systemAddress());
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        ranges.add(bytes);
      }
      List<Byte> copy = new ArrayList<>();
      for (byte b : payload) {
        copy.add(b);
      }
      seen.add(new Seen(flags, status, ranges, copy));
      VmbChannelPacketComplete(packet, null, 0);
    }).start();
    byte[] first = new byte[100];
    byte[] second = new byte[50];
    for (int i = 0; i < first.length; i++) {
      first[i] = (byte) (i + 1);
    }
    for (int i = 0; i < second.length; i++) {
      second[i] = (byte) (0xF0 - i);
    }
    hostRecv.put(0x100, first);
    hostRecv.put(RECV_SIZE - 50, second);
    byte[] message = Hex.bytes("01 00 00 00 00 00 00 00");

    host.send(PacketLayout.TYPE_TRANSFER_PAGES, 0, 9,
        transferPageHeader(new int[][] {{100, 0x100}, {50, RECV_SIZE - 50}}), message);
    Seen ok = Objects.requireNonNull(seen.poll(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA,
        ok.flags() & VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA);
    assertEquals(NtStatus.STATUS_SUCCESS, ok.status());
    assertEquals(2, ok.ranges().size());
    assertArrayEquals(first, ok.ranges().get(0));
    assertArrayEquals(second, ok.ranges().get(1));
    assertEquals(List.of((byte) 1, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0),
        ok.payload());

    // The host is untrusted: a range one byte past the buffer, a huge offset that would wrap, and
    // an empty range each fail that packet only.
    int[][][] hostile = {
        {{51, RECV_SIZE - 50}}, {{16, 0xFFFF_FFF8}}, {{0, 0}},
    };
    for (int[][] ranges : hostile) {
      host.send(PacketLayout.TYPE_TRANSFER_PAGES, 0, 10, transferPageHeader(ranges), message);
      Seen bad = Objects.requireNonNull(seen.poll(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS));
      assertEquals(NtStatus.STATUS_DATA_ERROR, bad.status());
      assertTrue(bad.ranges().isEmpty());
    }
    // The channel goes on.
    guest.send(message);
    assertArrayEquals(message, host.awaitPacket().payload());
    guest.disableAndCleanup();
  }

  @Test
  void theResolverRefusesShortOrLyingHeaders() throws Exception {
    ByteBuffer header = ByteBuffer.wrap(transferPageHeader(new int[][] {{1, 0}}));
    ByteBuffer buffer = ByteBuffer.allocate(16);
    assertNotNull(TransferPageRanges.resolve(header, buffer));
    assertNull(TransferPageRanges.resolve(header.duplicate().limit(7), buffer), "short header");
    ByteBuffer lying = ByteBuffer.wrap(transferPageHeader(new int[][] {{1, 0}}))
        .order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2); // claims two ranges, holds one
    assertNull(TransferPageRanges.resolve(lying, buffer));
  }
}
