package dev.vmbkmcl.sim;

import static dev.vmbkmcl.Vmbkmcl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBPACKET;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's steady-state packet path allocates nothing once warm: inband sends, their delivery
 * and completion, and synchronous requests with a completion payload, on the sending thread, both
 * delivery threads and, for a server that processes at passive level, its passive thread (counted
 * by the JVM per thread, not timed).
 */
class EngineSteadyStateAllocationTest {
  private static final int ROUNDS = 20_000;
  private static final int PAYLOAD = 256;
  private static final int REPLY = 8;
  /** Small, so that a packet the pool adds late costs little: the pool grows on demand. */
  private static final int MAXIMUM_PACKET = 512;

  private final ByteBuffer payload = ByteBuffer.allocate(PAYLOAD);
  private final ByteBuffer serverReply = ByteBuffer.allocate(REPLY);
  private final ByteBuffer reply = ByteBuffer.allocate(REPLY);
  private final UInt32Ref replySize = new UInt32Ref();
  private final AtomicLong delivered = new AtomicLong();

  @ParameterizedTest(name = "server at passive level: {0}")
  @ValueSource(booleans = {false, true})
  void sendsDeliveriesAndSynchronousRequestsDoNotAllocateOnceWarm(boolean passive)
      throws Exception {
    assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported()
        && threads.isThreadAllocatedMemoryEnabled());

    Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
    SimChannelPair pair = SimChannelPair.open(new SimVmbus(), SimChannelPair.DEFAULT_INTERFACE_TYPE, 5,
        server -> {
          VmbChannelInitSetMaximumPacketSize(server, MAXIMUM_PACKET);
          VmbChannelSetIncomingProcessingAtPassive(server, passive);
          VmbChannelInitSetProcessPacketCallbacks(server, (ch, pkt, buf, len, flags) -> {
            delivered.incrementAndGet();
            VmbChannelPacketComplete(pkt, serverReply, REPLY);
          }, null);
        },
        client -> {
          VmbChannelInitSetMaximumPacketSize(client, MAXIMUM_PACKET);
          VmbChannelInitSetProcessPacketCallbacks(client, (ch, pkt, buf, len, flags) ->
              VmbChannelPacketComplete(pkt, null, 0), null);
        });
    try {
      traffic(pair); // warm up: class loading, pools and queues reach their size, JIT
      traffic(pair);
      // Looked up after traffic: a delivery thread starts just after its channel reports open.
      Map<Long, String> names = measuredThreads(before);
      long[] ids = names.keySet().stream().mapToLong(Long::longValue).toArray();
      assertEquals(passive ? 4 : 3, ids.length, "the test thread and the engine's threads " + names);
      long[] allocatedBefore = threads.getThreadAllocatedBytes(ids);
      long deliveredBefore = delivered.get();
      traffic(pair);
      long[] allocatedAfter = threads.getThreadAllocatedBytes(ids);
      long packets = delivered.get() - deliveredBefore;

      assertTrue(packets >= ROUNDS, packets + " packets delivered");
      long allocated = 0;
      StringBuilder perThread = new StringBuilder();
      for (int i = 0; i < ids.length; i++) {
        allocated += allocatedAfter[i] - allocatedBefore[i];
        perThread.append(' ').append(names.get(ids[i])).append('=')
            .append(allocatedAfter[i] - allocatedBefore[i]);
      }
      // One-off work may still allocate some KB (the JVM customizing a method handle, a pool
      // reaching a new high-water mark), but one object per packet would cost at least 16 bytes x
      // 25,000 = 400 KB.
      assertTrue(allocated < 98_304,
          allocated + " bytes allocated for " + packets + " packets:" + perThread);
    } finally {
      pair.close();
    }
  }

  /** Per round: one inband packet without completion; every fourth round a synchronous request. */
  @SuppressWarnings("ThreadPriorityCheck") // on 2 cores the delivery threads need this core
  private void traffic(SimChannelPair pair) {
    for (int i = 0; i < ROUNDS; i++) {
      VMBPACKET packet = VmbPacketAllocate(pair.client());
      while (packet == null) {
        Thread.yield(); // every packet of the pool waits for the ring
        packet = VmbPacketAllocate(pair.client());
      }
      assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(packet, payload, PAYLOAD, null, 0));
      if (i % 4 == 0) {
        replySize.set(REPLY);
        assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelSendSynchronousRequest(pair.client(),
            payload, PAYLOAD, null, VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, reply,
            replySize, null));
        assertEquals(REPLY, replySize.get());
      }
    }
  }

  /** The current thread and the delivery and passive threads the pair started, by id. */
  private static Map<Long, String> measuredThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t == Thread.currentThread() || (!before.contains(t)
            && (t.getName().contains("delivery") || t.getName().contains("passive"))))
        .collect(Collectors.toMap(Thread::getId, Thread::getName));
  }

}
