package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetCompletionRoutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host that writes what the ring format forbids into the guest's rings (reference §1.4, §2.2,
 * §2.7, §2.8, §2.10): each case must poison the guest's channel with the README's documented
 * outcome, "every waiter and every later send returns STATUS_DATA_ERROR; nothing is read outside
 * the ring; Disable still works", and nothing of it may reach the driver. A trailer that lies is
 * the one thing a reader must not check (§2.3): it changes nothing.
 */
class HostileRingTest {
  private static final int RING_PAGES = 4;
  private static final int DATA_SIZE = (RING_PAGES - 1) * 4096;
  private static final int WAIT = VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  private final SimVmbus bus = new SimVmbus();
  private final List<String> delivered = new CopyOnWriteArrayList<>();
  private SimChannelPair pair;
  private HostileHost host;

  @BeforeEach
  void openChannel() throws InterruptedException {
    pair = SimChannelPair.builder(bus).instance(UUID.randomUUID()).ringPages(RING_PAGES)
        .maximumPacketCount(64)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> {
          byte[] payload = new byte[len];
          buf.get(buf.position(), payload);
          delivered.add(HEX.formatHex(payload));
          VmbChannelPacketComplete(pkt, null, 0);
        })
        .startServer(false).allocate();
    pair.open();
    host = new HostileHost(bus, pair.client());
  }

  @AfterEach
  void closeChannel() {
    VmbChannelDisable(pair.client());
    VmbChannelDisable(pair.server());
  }

  /** Bytes at data offset 0 and the write_index the host then publishes (w). */
  static Stream<Arguments> forbidden() {
    return Stream.of(
        Arguments.of("len8 runs past the published bytes",
            "06 00 02 00 10 00 00 00 01 00 00 00 00 00 00 00 01 02 03 04 05 00 00 00", 0x20),
        Arguments.of("len8 shorter than the descriptor",
            "06 00 02 00 01 00 00 00 01 00 00 00 00 00 00 00 01 02 03 04 05 00 00 00", 0x20),
        Arguments.of("offset8 past len8",
            "06 00 04 00 03 00 00 00 01 00 00 00 00 00 00 00 01 02 03 04 05 00 00 00", 0x20),
        Arguments.of("offset8 inside the descriptor",
            "06 00 01 00 03 00 00 00 01 00 00 00 00 00 00 00 01 02 03 04 05 00 00 00", 0x20),
        Arguments.of("legacy type ESTABLISH_GPADL (4)",
            "04 00 02 00 03 00 00 00 01 00 00 00 00 00 00 00 01 02 03 04 05 00 00 00", 0x20),
        Arguments.of("a flag bit other than completion requested",
            "06 00 02 00 03 00 02 00 01 00 00 00 00 00 00 00 01 02 03 04 05 00 00 00", 0x20),
        Arguments.of("GPA direct with range_count 0",
            "09 00 03 00 03 00 01 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", 0x20),
        Arguments.of("GPA direct range runs past offset8 * 8",
            "09 00 04 00 04 00 01 00 01 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00"
                + " 00 10 00 00 00 00 00 00", 0x28),
        Arguments.of("GPA direct byte_offset 4096",
            "09 00 05 00 05 00 01 00 01 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00"
                + " 10 00 00 00 00 10 00 00 45 23 01 00 00 00 00 00", 0x30),
        Arguments.of("transfer-page ranges run past offset8 * 8",
            "07 00 03 00 03 00 01 00 01 00 00 00 00 00 00 00 01 00 00 00 02 00 00 00", 0x20),
        Arguments.of("trailer not published",
            "06 00 02 00 03 00 00 00 01 00 00 00 00 00 00 00 01 02 03 04 05 00 00 00", 0x18),
        Arguments.of("descriptor cut short", "06 00 02 00 03 00 00 00", 0x08),
        Arguments.of("write_index at the end of the data area", "", DATA_SIZE),
        Arguments.of("write_index not a multiple of 8", "", 13),
        Arguments.of("write_index negative", "", -8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forbidden")
  void aForbiddenRingPoisonsTheChannel(String what, String bytes, int writeIndex) {
    host.putRaw(0, HEX.parseHex(bytes));
    host.setRxWriteIndex(writeIndex);
    EngineChannel client = (EngineChannel) pair.client();
    Await.until("the guest saw " + what, () -> {
      host.signal();
      return client.corruption() != null;
    });
    assertFailedClosed();
  }

  @Test
  void aWaiterAndAPacketInFlightAreReleasedWhenTheRingBreaks() throws Exception {
    List<NtStatus> completions = new CopyOnWriteArrayList<>();
    VMBPACKET packet = VmbPacketAllocate(pair.client());
    assertNotNull(packet);
    VmbPacketSetCompletionRoutine(packet, (p, status, buf, len) -> completions.add(status));
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbPacketSend(packet, ByteBuffer.allocate(8), 8, null, WAIT));
    CompletableFuture<NtStatus> waiter = CompletableFuture.supplyAsync(() ->
        VmbChannelSendSynchronousRequest(pair.client(), ByteBuffer.allocate(8), 8, null, WAIT,
            ByteBuffer.allocate(8), new UInt32Ref(8), null));
    host.awaitFromGuest();
    host.awaitFromGuest();
    host.setRxWriteIndex(13);
    host.signal();
    assertEquals(NtStatus.STATUS_DATA_ERROR, waiter.get(60, TimeUnit.SECONDS));
    Await.until("the packet in flight completed", () -> !completions.isEmpty());
    assertEquals(List.of(NtStatus.STATUS_DATA_ERROR), completions);
    assertFailedClosed();
  }

  @Test
  void aBadReadIndexOnTheGuestsSendRingPoisonsTheChannel() {
    host.setTxReadIndex(DATA_SIZE + 8);
    VMBPACKET packet = VmbPacketAllocate(pair.client());
    assertNotNull(packet);
    assertEquals(NtStatus.STATUS_DATA_ERROR,
        VmbPacketSend(packet, ByteBuffer.allocate(8), 8, null, 0));
    assertNotNull(((EngineChannel) pair.client()).corruption());
    // The receive side stops too: a well-formed packet from the host is not read any more.
    host.reply(6, 7, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertFailedClosed();
  }

  @Test
  void packetsWaitingForRoomCompleteOnceWithDataErrorWhenTheReadIndexBreaks() {
    // The host never drains: three 4,000-byte packets fill the 12 KiB ring, two more wait.
    List<List<NtStatus>> routines = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      List<NtStatus> calls = new CopyOnWriteArrayList<>();
      routines.add(calls);
      VMBPACKET packet = VmbPacketAllocate(pair.client());
      assertNotNull(packet);
      VmbPacketSetCompletionRoutine(packet, (p, status, buf, len) -> calls.add(status));
      assertEquals(NtStatus.STATUS_SUCCESS,
          VmbPacketSend(packet, ByteBuffer.allocate(4000), 4000, null, 0));
    }
    host.setTxReadIndex(13);
    Await.until("the waiting packets completed", () -> {
      host.signal();
      return routines.stream().noneMatch(List::isEmpty);
    });
    List<NtStatus> once = List.of(NtStatus.STATUS_SUCCESS);
    List<NtStatus> failed = List.of(NtStatus.STATUS_DATA_ERROR);
    assertEquals(List.of(once, once, once, failed, failed), routines,
        "without WAIT_FOR_COMPLETION success means in the ring; each routine runs exactly once");
    assertFailedClosed();
  }

  @Test
  void aLyingTrailerChangesNothing() {
    // §8.1 and §8.2 with trailers that name the wrong start offsets (§2.3: never checked).
    host.putRaw(0, HEX.parseHex("06 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 ff ff ff ff ff ff ff ff"));
    host.putRaw(0x20, HEX.parseHex("06 00 02 00 03 00 00 00 89 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 40 00 00 00"));
    host.setRxWriteIndex(0x40);
    host.signal();
    Await.until("both packets arrived", () -> delivered.size() == 2);
    assertEquals(List.of("01 02 03 04 05 00 00 00", "01 02 03 04 05 00 00 00"), delivered);
    Await.until("the guest committed both", () -> host.rxReadIndex() == 0x40);
    assertNull(((EngineChannel) pair.client()).corruption());
  }

  /** The README's corrupt-ring row, and that nothing more reaches the driver. */
  private void assertFailedClosed() {
    EngineChannel client = (EngineChannel) pair.client();
    assertNotNull(client.corruption());
    int consumed = host.rxReadIndex();
    int seen = delivered.size();
    assertEquals(NtStatus.STATUS_DATA_ERROR, VmbChannelSendSynchronousRequest(pair.client(),
        ByteBuffer.allocate(8), 8, null, WAIT, ByteBuffer.allocate(8), new UInt32Ref(8), null));
    VMBPACKET packet = VmbPacketAllocate(pair.client());
    assertNotNull(packet);
    assertEquals(NtStatus.STATUS_DATA_ERROR,
        VmbPacketSend(packet, ByteBuffer.allocate(8), 8, null, 0));
    Await.stillHolds("a poisoned channel reads nothing more", 20, host::signal,
        () -> host.rxReadIndex() == consumed && delivered.size() == seen);
    int closes = pair.count("client:closed");
    VmbChannelDisable(pair.client());
    assertEquals(closes + 1, pair.count("client:closed"), "Disable still works and closes");
  }
}
