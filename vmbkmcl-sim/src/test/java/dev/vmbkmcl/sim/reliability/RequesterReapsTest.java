package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetCompletionRoutine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.channel.IdleStrategy;
import dev.vmbkmcl.ext.ChannelIdle;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import dev.vmbkmcl.sim.ThreadProbe;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12 item 2: a thread waiting in {@code VmbChannelSendSynchronousRequest} takes the reader
 * role and reaps completions itself, handing the ring back to the delivery thread at the first
 * packet for the driver. Deterministic: the host writes only once the requester is seen reaping
 * (its stack is in the engine's reap loop, which only the role holder runs), and every assertion is
 * about order and counts, never time.
 */
class RequesterReapsTest {
  private static final int WAIT = VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;

  private final SimVmbus bus = new SimVmbus();
  private final List<String> driverPackets = new CopyOnWriteArrayList<>();
  private final List<String> deliveryThreads = new CopyOnWriteArrayList<>();
  private @Nullable SimChannelPair opened;
  private @Nullable HostileHost playedHost;

  private void open(IdleStrategy strategy) throws InterruptedException {
    SimChannelPair pair = SimChannelPair.builder(bus).instance(UUID.randomUUID()).ringPages(4)
        .maximumPacketCount(32)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> {
          byte[] b = new byte[8];
          buf.get(buf.position(), b);
          driverPackets.add(new String(b, StandardCharsets.US_ASCII));
          deliveryThreads.add(Thread.currentThread().getName());
          VmbChannelPacketComplete(pkt, null, 0);
        })
        .startServer(false).allocate();
    assertEquals(NtStatus.STATUS_SUCCESS,
        ChannelIdle.VmbChannelInitSetIdleStrategy(pair.client(), strategy));
    pair.open();
    opened = pair;
    playedHost = new HostileHost(bus, pair.client());
  }

  private EngineChannel client() {
    return (EngineChannel) Objects.requireNonNull(opened).client();
  }

  private HostileHost host() {
    return Objects.requireNonNull(playedHost);
  }

  @AfterEach
  void closeChannel() {
    SimChannelPair pair = opened;
    if (pair != null) {
      VmbChannelDisable(pair.client());
      VmbChannelDisable(pair.server());
    }
  }

  /** A synchronous request on its own thread; the outcome and the answer land in the fields. */
  private static final class Requester extends Thread {
    private final EngineChannel channel;
    final AtomicReference<NtStatus> outcome = new AtomicReference<>();
    final ByteBuffer answer = ByteBuffer.allocate(8);
    final UInt32Ref size = new UInt32Ref(8);
    volatile boolean interruptedAfter;

    Requester(EngineChannel channel) {
      super("sync-requester");
      this.channel = channel;
    }

    @Override
    public void run() {
      outcome.set(VmbChannelSendSynchronousRequest(channel, ascii("request!"), 8, null, WAIT,
          answer, size, null));
      interruptedAfter = Thread.currentThread().isInterrupted();
    }

    /** True while the thread runs the engine's reap loop, i.e. holds the reader role. */
    boolean reaping() {
      return ThreadProbe.runsIn(this, "dev.vmbkmcl.channel.Inbound", "reap");
    }

    void awaitEnd() throws InterruptedException {
      join(TimeUnit.SECONDS.toMillis(60));
      assertFalse(isAlive(), "the requester returned");
    }
  }

  private Requester startReapingRequester() {
    Requester r = new Requester(client());
    r.start();
    return r;
  }

  private static ByteBuffer ascii(String eightChars) {
    return ByteBuffer.wrap(eightChars.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] bytes(String eightChars) {
    return eightChars.getBytes(StandardCharsets.US_ASCII);
  }

  private long awaitRequest(String text) {
    IncomingPacket p = host().awaitFromGuest();
    byte[] b = new byte[8];
    p.buffer().get(p.payloadOffset(), b);
    assertEquals(text, new String(b, StandardCharsets.US_ASCII));
    return p.transactionId();
  }

  @ParameterizedTest
  @EnumSource(IdleStrategy.class)
  void ringOrderIsKeptWhileTheRequesterReaps(IdleStrategy strategy) throws Exception {
    open(strategy);
    List<String> routine = new CopyOnWriteArrayList<>();
    VMBPACKET async = VmbPacketAllocate(client());
    assertNotNull(async);
    VmbPacketSetCompletionRoutine(async, (p, status, buf, len) ->
        routine.add(status + " on " + Thread.currentThread().getName()));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(async, ascii("async-01"), 8, null, WAIT));
    long asyncId = awaitRequest("async-01");

    Requester requester = startReapingRequester();
    long syncId = awaitRequest("request!");
    Await.until("the requester reaps", requester::reaping);

    // Ring order: a completion for the other packet, a driver packet, the sync answer, another
    // driver packet.
    host().complete(asyncId, bytes("answer-a"));
    host().reply(PacketLayout.TYPE_INBAND, 0, bytes("driver-1"));
    host().complete(syncId, bytes("answer-s"));
    host().reply(PacketLayout.TYPE_INBAND, 0, bytes("driver-2"));
    requester.awaitEnd();
    Await.until("both driver packets arrived", () -> driverPackets.size() == 2);

    assertEquals(NtStatus.STATUS_SUCCESS, requester.outcome.get());
    assertEquals("answer-s", new String(requester.answer.array(), StandardCharsets.US_ASCII));
    assertEquals(8, requester.size.get());
    assertEquals(List.of("driver-1", "driver-2"), driverPackets);
    // The requester held the role when the completion came: it retired it inline, exactly once.
    assertEquals(List.of("STATUS_SUCCESS (0x00000000) on sync-requester"), routine);
    for (String t : deliveryThreads) {
      assertFalse(t.equals("sync-requester"), "driver callbacks run on the delivery thread: " + t);
    }
    assertNull(client().corruption());
  }

  @ParameterizedTest
  @EnumSource(IdleStrategy.class)
  void aRequesterThatReapsItsOwnAnswerHandsTheRestToTheDeliveryThread(IdleStrategy strategy)
      throws Exception {
    open(strategy);
    Requester requester = startReapingRequester();
    long syncId = awaitRequest("request!");
    Await.until("the requester reaps", requester::reaping);
    // The answer first, then driver packets the requester must leave in the ring.
    host().complete(syncId, bytes("answer-s"));
    host().reply(PacketLayout.TYPE_INBAND, 0, bytes("driver-1"));
    host().reply(PacketLayout.TYPE_INBAND, 0, bytes("driver-2"));
    requester.awaitEnd();
    assertEquals(NtStatus.STATUS_SUCCESS, requester.outcome.get());
    Await.until("the delivery thread delivered what was left",
        () -> driverPackets.size() == 2);
    assertEquals(List.of("driver-1", "driver-2"), driverPackets);
    assertFalse(deliveryThreads.contains("sync-requester"));

    // And the delivery thread goes on: a later packet arrives too.
    host().reply(PacketLayout.TYPE_INBAND, 0, bytes("driver-3"));
    Await.until("a later packet arrived", () -> driverPackets.size() == 3);
    assertNull(client().corruption());
  }

  @ParameterizedTest
  @EnumSource(IdleStrategy.class)
  void aCloseWhileTheRequesterReapsEndsItsWait(IdleStrategy strategy) throws Exception {
    open(strategy);
    Requester requester = startReapingRequester();
    awaitRequest("request!");
    Await.until("the requester reaps", requester::reaping);
    VmbChannelDisable(client()); // must not wait forever for the role
    requester.awaitEnd();
    NtStatus s = Objects.requireNonNull(requester.outcome.get());
    assertTrue(s.equals(NtStatus.STATUS_DEVICE_REMOVED) || s.equals(NtStatus.STATUS_CANCELLED),
        String.valueOf(s));
    assertEquals(0, requester.size.get());
  }

  @ParameterizedTest
  @EnumSource(IdleStrategy.class)
  void anInterruptedReapingRequesterReturnsCancelledAndTheChannelWorks(IdleStrategy strategy)
      throws Exception {
    open(strategy);
    Requester requester = startReapingRequester();
    long cancelledId = awaitRequest("request!");
    Await.until("the requester reaps", requester::reaping);
    requester.interrupt();
    requester.awaitEnd();
    assertEquals(NtStatus.STATUS_CANCELLED, requester.outcome.get());
    assertTrue(requester.interruptedAfter, "the interrupt flag is kept");

    // A late answer to the cancelled request is dropped; the channel delivers and answers again.
    host().complete(cancelledId, bytes("too-late"));
    host().reply(PacketLayout.TYPE_INBAND, 0, bytes("driver-1"));
    Await.until("the delivery thread reads again", () -> driverPackets.size() == 1);
    Requester next = startReapingRequester();
    long nextId = awaitRequest("request!");
    host().complete(nextId, bytes("answer-2"));
    next.awaitEnd();
    assertEquals(NtStatus.STATUS_SUCCESS, next.outcome.get());
    assertEquals("answer-2", new String(next.answer.array(), StandardCharsets.US_ASCII));
    assertNull(client().corruption());
  }

  @ParameterizedTest
  @EnumSource(IdleStrategy.class)
  void aCompletionRoutineOnTheReapingRequesterMayNotWait(IdleStrategy strategy) throws Exception {
    open(strategy);
    List<String> refusals = new CopyOnWriteArrayList<>();
    VMBPACKET async = VmbPacketAllocate(client());
    assertNotNull(async);
    VmbPacketSetCompletionRoutine(async, (p, status, buf, len) -> {
      try {
        VmbChannelSendSynchronousRequest(client(), ascii("nested!!"), 8, null, WAIT,
            ByteBuffer.allocate(8), new UInt32Ref(8), null);
        refusals.add("no exception on " + Thread.currentThread().getName());
      } catch (IllegalStateException e) {
        refusals.add(Thread.currentThread().getName() + ": " + e.getMessage());
      }
    });
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(async, ascii("async-01"), 8, null, WAIT));
    long asyncId = awaitRequest("async-01");
    Requester requester = startReapingRequester();
    long syncId = awaitRequest("request!");
    Await.until("the requester reaps", requester::reaping);
    host().complete(asyncId, bytes("answer-a"));
    host().complete(syncId, bytes("answer-s"));
    requester.awaitEnd();
    assertEquals(NtStatus.STATUS_SUCCESS, requester.outcome.get());
    // The routine ran inline on the requester, at the DISPATCH_LEVEL analogue: it may not wait.
    assertEquals(1, refusals.size(), String.valueOf(refusals));
    assertTrue(refusals.get(0).startsWith("sync-requester: VmbChannelSendSynchronousRequest"),
        refusals.get(0));
    assertTrue(refusals.get(0).contains("DISPATCH_LEVEL"), refusals.get(0));
    assertNull(client().corruption());
  }
}
