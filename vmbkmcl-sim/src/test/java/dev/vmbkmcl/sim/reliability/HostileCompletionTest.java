package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetCompletionRoutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A host that answers with completions the guest never asked for (reference §2.6): unknown ids,
 * the reserved id 0, ids of other generations of the same slot, and a second completion for an id
 * that was already answered. The README's decision (§5 item 17): such a completion is discarded;
 * the channel stays healthy, each request gets exactly its own answer once, and no completion ever
 * reaches the driver's packet callback.
 */
class HostileCompletionTest {
  private static final int WAIT = VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;

  private final SimVmbus bus = new SimVmbus();
  private final AtomicInteger deliveries = new AtomicInteger();
  private SimChannelPair pair;
  private HostileHost host;

  @BeforeEach
  void openChannel() throws InterruptedException {
    pair = SimChannelPair.builder(bus).instance(UUID.randomUUID()).ringPages(4)
        .maximumPacketCount(64)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> {
          deliveries.incrementAndGet();
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

  private CompletableFuture<String> request(String text) {
    return CompletableFuture.supplyAsync(() -> {
      ByteBuffer answer = ByteBuffer.allocate(8);
      UInt32Ref size = new UInt32Ref(8);
      NtStatus s = VmbChannelSendSynchronousRequest(pair.client(), ascii(text), 8, null, WAIT,
          answer, size, null);
      return s + " " + new String(answer.array(), 0, size.get(), StandardCharsets.US_ASCII);
    });
  }

  private static ByteBuffer ascii(String eightChars) {
    return ByteBuffer.wrap(eightChars.getBytes(StandardCharsets.US_ASCII));
  }

  private long awaitRequest(String text) {
    IncomingPacket p = host.awaitFromGuest();
    assertEquals(PacketLayout.FLAG_COMPLETION_REQUESTED, p.flags());
    byte[] body = new byte[8];
    p.buffer().get(p.payloadOffset(), body);
    assertEquals(text, new String(body, StandardCharsets.US_ASCII));
    assertNotEquals(0, p.transactionId(), "§2.6: id 0 is never used for a completion request");
    return p.transactionId();
  }

  @Test
  void completionsWithIdsNobodyWaitsForAreDiscarded() throws Exception {
    CompletableFuture<String> first = request("request1");
    long id = awaitRequest("request1");
    // Ring order: all of these are read before the real answer.
    host.complete(0, bytes("forged-0"));
    host.complete(id + 1, bytes("nextslot"));
    host.complete(id ^ (1L << 40), bytes("othergen"));
    host.complete(-1L, bytes("all-ones"));
    host.complete(id, bytes("answer-1"));
    assertEquals("STATUS_SUCCESS (0x00000000) answer-1", first.get(60, TimeUnit.SECONDS));

    CompletableFuture<String> second = request("request2");
    long id2 = awaitRequest("request2");
    assertNotEquals(id, id2);
    host.complete(id, bytes("replayed"));
    host.complete(id2, bytes("answer-2"));
    assertEquals("STATUS_SUCCESS (0x00000000) answer-2", second.get(60, TimeUnit.SECONDS));
    assertHealthy();
  }

  @Test
  void aPacketCompletedTwiceRunsItsCompletionRoutineOnce() throws Exception {
    List<String> routine = new CopyOnWriteArrayList<>();
    VMBPACKET packet = VmbPacketAllocate(pair.client());
    assertNotNull(packet);
    VmbPacketSetCompletionRoutine(packet, (p, status, buf, len) -> {
      byte[] b = new byte[len];
      if (buf != null) {
        buf.get(buf.position(), b);
      }
      routine.add(status + " " + new String(b, StandardCharsets.US_ASCII));
    });
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(packet, ascii("async-01"), 8, null, WAIT));
    long id = awaitRequest("async-01");
    host.complete(id, bytes("answer-1"));
    host.complete(id, bytes("answer-2"));
    // A synchronous round trip after both: ring order proves both completions were read.
    CompletableFuture<String> fence = request("fence---");
    host.complete(awaitRequest("fence---"), bytes("fenced!!"));
    assertEquals("STATUS_SUCCESS (0x00000000) fenced!!", fence.get(60, TimeUnit.SECONDS));
    assertEquals(List.of("STATUS_SUCCESS (0x00000000) answer-1"), routine);
    assertHealthy();
  }

  @Test
  void aCompletionForAFireAndForgetPacketIsDiscarded() throws Exception {
    VMBPACKET packet = VmbPacketAllocate(pair.client());
    assertNotNull(packet);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(packet, ascii("no-reply"), 8, null, 0));
    IncomingPacket p = host.awaitFromGuest();
    assertEquals(0, p.flags());
    host.complete(p.transactionId(), bytes("unasked!"));
    CompletableFuture<String> fence = request("fence---");
    host.complete(awaitRequest("fence---"), bytes("fenced!!"));
    assertEquals("STATUS_SUCCESS (0x00000000) fenced!!", fence.get(60, TimeUnit.SECONDS));
    assertHealthy();
  }

  /**
   * A send the engine refuses because the host wrote a read_index outside the ring gets
   * STATUS_DATA_ERROR and its completion routine never runs (the caller frees it: KMCL's rule), while
   * the packet accepted before the corruption completes exactly once with STATUS_DATA_ERROR. Found
   * by HostScriptFuzzTest: the refused packet used to be retired by the poison as well.
   */
  @Test
  void aSendRefusedForABadReadIndexNeverRunsItsCompletionRoutine() {
    List<String> accepted = new CopyOnWriteArrayList<>();
    List<String> refused = new CopyOnWriteArrayList<>();
    VMBPACKET first = VmbPacketAllocate(pair.client());
    VMBPACKET second = VmbPacketAllocate(pair.client());
    assertNotNull(first);
    assertNotNull(second);
    VmbPacketSetCompletionRoutine(first, (p, status, buf, len) -> accepted.add(status.toString()));
    VmbPacketSetCompletionRoutine(second, (p, status, buf, len) -> refused.add(status.toString()));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(first, ascii("accepted"), 8, null, WAIT));
    awaitRequest("accepted");
    host.setTxReadIndex(0x7FFF_FFF0);

    assertEquals(NtStatus.STATUS_DATA_ERROR, VmbPacketSend(second, ascii("refused!"), 8, null, WAIT));
    UInt32Ref size = new UInt32Ref(8);
    assertEquals(NtStatus.STATUS_DATA_ERROR, VmbChannelSendSynchronousRequest(pair.client(),
        ascii("sync-req"), 8, null, WAIT, ByteBuffer.allocate(8), size, null));

    // The poison retires accepted packets on the sender's own thread, before its send returns.
    assertEquals(List.of(NtStatus.STATUS_DATA_ERROR.toString()), accepted);
    assertEquals(List.of(), refused, "a refused send must not complete");
    assertEquals(0, size.get());
    assertNotNull(((EngineChannel) pair.client()).corruption());
    VmbChannelDisable(pair.client());
    assertEquals(1, accepted.size(), "teardown completes nothing a second time");
    assertEquals(List.of(), refused, "teardown does not complete a refused send");
  }

  private void assertHealthy() {
    assertNull(((EngineChannel) pair.client()).corruption(), "a forged completion is no corruption");
    assertEquals(0, deliveries.get(), "completions never reach EvtVmbChannelProcessPacket");
    assertTrue(((EngineChannel) pair.client()).isOpen());
  }

  private static byte[] bytes(String eightChars) {
    return eightChars.getBytes(StandardCharsets.US_ASCII);
  }
}
