package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.observe.ChannelObserver;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An Error out of a driver callback, OutOfMemoryError above all, poisons the channel without
 * allocating (issue 12): the delivery thread counts its own allocated bytes from the throw to the
 * moment the poison is reported, by which point every waiter has been failed with
 * STATUS_DATA_ERROR. Zero bytes means the path works when the heap has none left.
 */
class PoisonAllocationTest {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** Made before the test: throwing it allocates nothing. */
  private final OutOfMemoryError premade = new OutOfMemoryError("test: heap exhausted");
  private final SimVmbus bus = new SimVmbus();
  private final AtomicLong bytesAtThrow = new AtomicLong(-1);
  private final AtomicLong bytesAtPoison = new AtomicLong(-1);
  private final AtomicReference<String> poisonDetail = new AtomicReference<>();
  private SimChannelPair pair;
  private HostileHost host;

  @BeforeEach
  void openChannel() throws InterruptedException {
    pair = SimChannelPair.builder(bus).instance(UUID.randomUUID()).ringPages(4)
        .maximumPacketCount(32)
        .serverPackets((ch, pkt, buf, len, flags) -> { })
        .clientPackets((ch, pkt, buf, len, flags) -> {
          if (buf.get(buf.position()) == 0) {
            VmbChannelPacketComplete(pkt, null, 0); // an ordinary packet first
            return;
          }
          THREADS.getCurrentThreadAllocatedBytes(); // warm: the measuring call itself
          bytesAtThrow.set(THREADS.getCurrentThreadAllocatedBytes());
          throw premade;
        })
        .startServer(false).allocate();
    ((EngineChannel) pair.client()).setObserver(new ChannelObserver() {
      @Override
      public void stateChanged(String event, String detail) {
        if (event.equals("POISONED") && bytesAtPoison.get() < 0) {
          bytesAtPoison.set(THREADS.getCurrentThreadAllocatedBytes());
          poisonDetail.set(detail);
        }
      }
    });
    pair.open();
    host = new HostileHost(bus, pair.client());
  }

  @AfterEach
  void closeChannel() {
    VmbChannelDisable(pair.client());
    VmbChannelDisable(pair.server());
  }

  @Test
  void anOutOfMemoryErrorInACallbackPoisonsWithoutAllocating() throws Exception {
    CompletableFuture<NtStatus> waiter = CompletableFuture.supplyAsync(() ->
        VmbChannelSendSynchronousRequest(pair.client(), ByteBuffer.allocate(8), 8, null,
            VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, ByteBuffer.allocate(8),
            new UInt32Ref(8), null));
    host.awaitFromGuest(); // the request is out; its waiter waits for an answer that never comes
    host.reply(PacketLayout.TYPE_INBAND, 0, new byte[8]);
    host.reply(PacketLayout.TYPE_INBAND, 0, new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
    assertEquals(NtStatus.STATUS_DATA_ERROR, waiter.get(60, TimeUnit.SECONDS),
        "the waiter is released with the poison status");
    Await.until("the poison was reported", () -> bytesAtPoison.get() >= 0);
    assertEquals(0, bytesAtPoison.get() - bytesAtThrow.get(),
        "bytes the delivery thread allocated between the throw and the poisoned state");
    String corruption = ((EngineChannel) pair.client()).corruption();
    assertNotNull(corruption);
    assertTrue(corruption.contains("a callback") && corruption.contains("OutOfMemoryError"),
        corruption);
    assertNotNull(poisonDetail.get());
    assertEquals(NtStatus.STATUS_DATA_ERROR, VmbChannelSendSynchronousRequest(pair.client(),
        ByteBuffer.allocate(8), 8, null, 0, null, null, new dev.vmbkmcl.LargeInteger(0)),
        "later sends get the poison status too");
  }
}
