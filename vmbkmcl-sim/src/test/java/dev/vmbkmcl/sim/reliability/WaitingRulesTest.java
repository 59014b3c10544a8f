package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPause;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The waiting rules of issue 12: a waiter that is interrupted returns STATUS_CANCELLED at once with
 * its interrupt flag kept and the channel still usable; a call that would wait for its own
 * channel's delivery thread throws IllegalStateException naming the rule (in C: an IRQL violation).
 */
class WaitingRulesTest {
  private static final int WAIT = VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;

  private final SimVmbus bus = new SimVmbus();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final List<NtStatus> nonWaiting = new CopyOnWriteArrayList<>();
  private final AtomicBoolean tryFromCallback = new AtomicBoolean();
  private SimChannelPair pair;
  private HostileHost host;

  @BeforeEach
  void openChannel() throws InterruptedException {
    pair = SimChannelPair.builder(bus).instance(UUID.randomUUID()).ringPages(4)
        .maximumPacketCount(32)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> {
          if (tryFromCallback.get()) {
            callWaitingFunctionsFromTheDeliveryThread();
          }
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

  private void callWaitingFunctionsFromTheDeliveryThread() {
    try {
      VmbChannelSendSynchronousRequest(pair.client(), ByteBuffer.allocate(8), 8, null, WAIT,
          ByteBuffer.allocate(8), new UInt32Ref(8), null);
      refusals.add("no exception");
    } catch (IllegalStateException e) {
      refusals.add(String.valueOf(e.getMessage()));
    }
    try {
      VmbChannelPause(pair.client());
      refusals.add("no exception");
    } catch (IllegalStateException e) {
      refusals.add(String.valueOf(e.getMessage()));
    }
    // Zero timeout, no WAIT_FOR_COMPLETION: legal at DISPATCH_LEVEL, it does not wait.
    nonWaiting.add(VmbChannelSendSynchronousRequest(pair.client(), ByteBuffer.allocate(8), 8, null,
        0, null, null, new LargeInteger(0)));
  }

  @Test
  void anInterruptedWaiterReturnsCancelledKeepsItsFlagAndTheChannelWorks() throws Exception {
    AtomicReference<NtStatus> outcome = new AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread waiter = new Thread(() -> {
      outcome.set(VmbChannelSendSynchronousRequest(pair.client(), ByteBuffer.allocate(8), 8, null,
          WAIT, ByteBuffer.allocate(8), new UInt32Ref(8), null)); // no timeout: forever
      flagKept.set(Thread.currentThread().isInterrupted());
    }, "sync-waiter");
    waiter.start();
    IncomingPacket request = host.awaitFromGuest(); // it is in the ring: the waiter waits now
    long cancelledId = request.transactionId();
    waiter.interrupt();
    waiter.join(TimeUnit.SECONDS.toMillis(60));
    assertFalse(waiter.isAlive(), "the interrupted waiter returned");
    assertEquals(NtStatus.STATUS_CANCELLED, outcome.get());
    assertTrue(flagKept.get(), "the interrupt flag is still set");

    // Already interrupted before the call: it returns at once as well, flag kept.
    Thread.currentThread().interrupt();
    try {
      assertEquals(NtStatus.STATUS_CANCELLED, VmbChannelSendSynchronousRequest(pair.client(),
          ByteBuffer.allocate(8), 8, null, WAIT, ByteBuffer.allocate(8), new UInt32Ref(8), null));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
    host.awaitFromGuest();

    // The channel still works: a late answer to the cancelled request is dropped, the next
    // request gets its own answer.
    host.complete(cancelledId, new byte[] {9, 9, 9, 9, 9, 9, 9, 9});
    CompletableFuture<NtStatus> next = CompletableFuture.supplyAsync(() -> {
      ByteBuffer answer = ByteBuffer.allocate(8);
      UInt32Ref size = new UInt32Ref(8);
      NtStatus s = VmbChannelSendSynchronousRequest(pair.client(), ByteBuffer.allocate(8), 8, null,
          WAIT, answer, size, null);
      return s.isSuccess() && answer.get(0) == 7 && size.get() == 8 ? s : NtStatus.STATUS_DATA_ERROR;
    });
    IncomingPacket again = host.awaitFromGuest();
    host.complete(again.transactionId(), new byte[] {7, 0, 0, 0, 0, 0, 0, 0});
    assertEquals(NtStatus.STATUS_SUCCESS, next.get(60, TimeUnit.SECONDS));
    assertNull(((EngineChannel) pair.client()).corruption());
  }

  @Test
  void aWaitingCallFromTheDeliveryThreadThrowsNamingTheRule() {
    tryFromCallback.set(true);
    host.reply(PacketLayout.TYPE_INBAND, 0, new byte[8]);
    Await.until("the callback tried", () -> nonWaiting.size() == 1);
    assertEquals(2, refusals.size());
    for (String message : refusals) {
      assertTrue(message.contains("DISPATCH_LEVEL") && message.contains("delivery thread"),
          message);
    }
    assertTrue(refusals.get(0).startsWith("VmbChannelSendSynchronousRequest"), refusals.get(0));
    assertTrue(refusals.get(1).startsWith("VmbChannelPause"), refusals.get(1));
    assertEquals(NtStatus.STATUS_SUCCESS, nonWaiting.get(0), "a call that does not wait is legal");
    IncomingPacket sent = host.awaitFromGuest();
    assertEquals(PacketLayout.TYPE_INBAND, sent.type());
    assertFalse(sent.completionRequested());
    assertNull(((EngineChannel) pair.client()).corruption(), "a refused call does not poison");
  }
}
