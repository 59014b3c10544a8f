package dev.vmbkmcl.sim;

import static dev.vmbkmcl.Vmbkmcl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.Handle;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt16Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5;
import dev.vmbkmcl.channel.EngineChannel;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The KMCL functions not covered by the protocol tests, each called through the facade on the
 * simulated backend with an assertion on what it does.
 */
class KmclSurfaceOnSimTest {
  private static final UUID INSTANCE = UUID.fromString("a1a2a3a4-b1b2-c1c2-d1d2-e1e2e3e4e5e6");

  private static VMBCHANNEL allocate(DeviceObject device, boolean server) {
    Ref<VMBCHANNEL> ch = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelAllocate(device, server, ch));
    return ch.require();
  }

  @Test
  void callerStorageChannelsAndAccessors() {
    SimVmbus bus = new SimVmbus();
    Ref<VMBCHANNEL> ch = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS,
        VmbChannelInitialize(bus.guestDevice(), FALSE, ch, VmbSizeofChannel()));
    VMBCHANNEL c = ch.require();
    VmbChannelSetPointer(c, "context");
    assertEquals("context", VmbChannelGetPointer(c));
    Ref<DeviceObject> parent = new Ref<>();
    VmbChannelGetParentDeviceObject(c, parent);
    assertSame(bus.guestDevice(), parent.get());
    Ref<DeviceObject> target = new Ref<>();
    VmbChannelGetTargetDeviceObject(c, target);
    assertNotNull(target.get());
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetFriendlyName(c, "Heartbeat"));
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_2, VmbChannelInitSetFriendlyName(c, "Again"));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbClientChannelInitSetTargetProcessorIndex(c, 1));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetMaximumPacketSize(c, 128));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetInlinePacketContextSize(c, 24));
    assertEquals(128 + 8 + 24, VmbChannelSizeofPacket(c));
    VmbChannelCleanup(c);
  }

  @Test
  void packetObjectsFromTheLookasideListAndFromCallerStorage() {
    SimVmbus bus = new SimVmbus();
    VMBCHANNEL c = allocate(bus.guestDevice(), false);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetMaximumPacketCount(c, 2));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetInlinePacketContextSize(c, 16));
    VMBPACKET a = VmbPacketAllocate(c);
    VMBPACKET b = VmbPacketAllocate(c);
    assertNotNull(a);
    assertNotNull(b);
    assertNull(VmbPacketAllocate(c), "MaximumPacketCount packets are out");
    assertEquals(16, VmbPacketGetInlinePacketContextPointer(a).capacity());
    assertSame(c, VmbPacketGetChannel(a));
    VmbPacketSetPointer(a, 7);
    assertEquals(7, VmbPacketGetPointer(a));
    VmbPacketFree(a);
    assertThrows(IllegalStateException.class, () -> VmbPacketFree(a), "a second free");
    assertNotNull(VmbPacketAllocate(c));
    Ref<VMBPACKET> own = new Ref<>();
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_3, VmbPacketInitialize(c, own, 10));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketInitialize(c, own, VmbChannelSizeofPacket(c)));
    VMBPACKET initialized = own.require();
    assertThrows(IllegalStateException.class,
        () -> VmbPacketSend(initialized, ByteBuffer.allocate(1), 1, null, 0),
        "an initialized packet has no valid completion routine yet");
    VmbPacketFree(b);
  }

  @Test
  void exCallbacksGetTheirContextsAndPfnSendsCarryPages() throws Exception {
    SimVmbus bus = new SimVmbus();
    VMBCHANNEL server = allocate(bus.hostDevice(), true);
    VmbServerChannelInitSetTargetInterfaceId(server, SimChannelPair.DEFAULT_INTERFACE_TYPE, INSTANCE);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbServerChannelInitSetFlags(server,
        VMBUS_SERVER_CHANNEL_INIT_FLAG_ENUMERATE_DEVICE_INTERFACE));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbServerChannelInitSetTargetVtl(server, 0));
    Ref<Handle> kernel = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbConvertVmbusHandleToKernelHandle(Handle.user(5), kernel));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbServerChannelInitSetVmbusHandle(server, kernel.require()));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbServerChannelInitSetSaveRestorePacketCallbacksEx(server, "sr",
        (ch, ctx, p, buf, size, needed) -> NtStatus.STATUS_SUCCESS,
        (ch, ctx, lib, libSize, save, saveSize) -> NtStatus.STATUS_SUCCESS));
    List<Object> contexts = new CopyOnWriteArrayList<>();
    BlockingQueue<Integer> flagsSeen = new ArrayBlockingQueue<>(4);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetProcessPacketCallbacksEx(server, "pp",
        (ch, ctx, pkt, buf, len, flags) -> {
          contexts.add(ctx);
          flagsSeen.add(flags);
          VmbChannelPacketComplete(pkt, null, 0);
        }, (ch, ctx, n) -> contexts.add(ctx + ":" + n)));
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5 v5 = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT_V5(v5);
    v5.CallbackContext = "state";
    CountDownLatch started = new CountDownLatch(1);
    v5.EvtChannelPostStartedEx = (ch, ctx) -> {
      contexts.add(ctx);
      started.countDown();
    };
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetStateChangeCallbacks(server, v5));
    VmbChannelEnable(server);
    VmbChannelStart(server);
    VMBCHANNEL client = allocate(bus.guestDevice(), false);
    VmbClientChannelInitSetTargetPnp(client, SimChannelPair.DEFAULT_INTERFACE_TYPE, INSTANCE, null);
    VmbChannelInitSetProcessPacketCallbacks(client, (ch, pkt, buf, len, f) -> VmbChannelPacketComplete(pkt, null, 0), null);
    VmbChannelEnable(client);
    assertTrue(started.await(30, TimeUnit.SECONDS));
    TwoSidedProtocolTest.awaitOpen(bus, client);
    Ref<UUID> instance = new Ref<>();
    VmbChannelGetInterfaceInstance(client, instance);
    assertEquals(INSTANCE, instance.get());
    UInt16Ref original = new UInt16Ref();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelSetInterruptLatency(client, 100, original));
    assertEquals(0, original.get());
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelSetInterruptLatency(client, 50, original));
    assertEquals(100, original.get());

    VMBPACKET p = VmbPacketAllocate(client);
    assertNotNull(p);
    BlockingQueue<Object> done = new ArrayBlockingQueue<>(2);
    VmbPacketSetCompletionRoutineEx(p, "routine", (pk, ctx, st, buf, len) -> done.add(ctx + ":" + st.name()));
    ByteBuffer pages = ByteBuffer.allocate(8192);
    Ref<dev.vmbkmcl.Mdl> mdl = new Ref<>();
    // The PFNs of a real guest buffer, learned through a GPADL mapping.
    UInt32Ref gpadl = new UInt32Ref();
    VmbChannelCreateGpadlFromBuffer(client, 0, pages, 8192, gpadl);
    VmbChannelMapGpadl(server, 0, gpadl.get(), mdl);
    long[] pfns = mdl.require().pfns();
    VmbChannelUnmapGpadl(server, gpadl.get());
    assertNotNull(pfns);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSendWithExternalPfns(p, ByteBuffer.allocate(4), 4, pfns, 2,
        VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION));
    assertEquals("routine:STATUS_SUCCESS", done.poll(30, TimeUnit.SECONDS));
    assertEquals(VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA, flagsSeen.poll(30, TimeUnit.SECONDS));
    for (int i = 0; i < 30_000 && !contexts.contains("pp:1"); i++) {
      Thread.sleep(1); // EvtVmbChannelProcessingCompleteEx follows the batch on the delivery thread
    }
    assertTrue(contexts.contains("pp") && contexts.contains("state") && contexts.contains("pp:1"), contexts.toString());
    VmbChannelDisable(client);
    VmbChannelDisable(server);
  }

  @Test
  void quotaStopsTheQueueUntilAPacketCompletes() throws Exception {
    SimVmbus bus = new SimVmbus();
    BlockingQueue<VMBPACKETCOMPLETION> held = new ArrayBlockingQueue<>(16);
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> held.add(pkt))
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    VmbChannelSetTransactionQuota(pair.server(), 2);
    assertThrows(IllegalArgumentException.class, () -> VmbChannelSetTransactionQuota(pair.server(), 0));
    VmbChannelSetAllowableDpcCpuUsage(pair.server(), 50);
    for (int i = 0; i < 5; i++) {
      VMBPACKET p = VmbPacketAllocate(pair.client());
      assertNotNull(p);
      VmbPacketSend(p, ByteBuffer.allocate(8), 8, null, 0);
    }
    VMBPACKETCOMPLETION first = held.poll(30, TimeUnit.SECONDS);
    assertNotNull(held.poll(30, TimeUnit.SECONDS));
    assertNull(held.poll(200, TimeUnit.MILLISECONDS), "a third delivery despite quota 2");
    assertNotNull(first);
    VmbChannelPacketComplete(first, null, 0);
    assertNotNull(held.poll(30, TimeUnit.SECONDS), "a completion restarts the queue");
  }

  @Test
  void deferToPassiveRedeliversOnAWorkerAndPacketFailStopsTheQueue() throws Exception {
    SimVmbus bus = new SimVmbus();
    AtomicInteger calls = new AtomicInteger();
    List<String> threads = new CopyOnWriteArrayList<>();
    BlockingQueue<Integer> delivered = new ArrayBlockingQueue<>(8);
    java.util.concurrent.atomic.AtomicReference<VMBPACKETCOMPLETION> last =
        new java.util.concurrent.atomic.AtomicReference<>();
    SimChannelPair pair = SimChannelPair.builder(bus).ringPages(4)
        .serverPackets((ch, pkt, buf, len, flags) -> {
          last.set(pkt);
          int n = calls.incrementAndGet();
          threads.add(Thread.currentThread().getName());
          int value = buf.get(buf.position());
          if (n == 1) {
            VmbChannelPacketDeferToPassive(pkt);
            return;
          }
          if (value == 9) {
            VmbChannelPacketFail(pkt);
          } else {
            VmbChannelPacketComplete(pkt, null, 0);
          }
          delivered.add(value);
        })
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0)).enable();
    pair.awaitActive();
    for (int v : new int[] {1, 9, 2}) {
      VMBPACKET p = VmbPacketAllocate(pair.client());
      assertNotNull(p);
      VmbPacketSend(p, ByteBuffer.allocate(8).put(0, (byte) v), 8, null, 0);
    }
    assertEquals(1, delivered.poll(30, TimeUnit.SECONDS));
    assertEquals(9, delivered.poll(30, TimeUnit.SECONDS));
    assertNull(delivered.poll(200, TimeUnit.MILLISECONDS), "the queue must stop after VmbChannelPacketFail");
    assertTrue(threads.get(1).contains("passive"), threads.toString());
    VMBPACKETCOMPLETION outside = last.get();
    assertNotNull(outside);
    assertThrows(IllegalStateException.class, () -> VmbChannelPacketDeferToPassive(outside),
        "DeferToPassive is legal only inline from the callback");
  }

  @Test
  void passiveProcessingKeepsRingOrder() throws Exception {
    SimVmbus bus = new SimVmbus();
    List<Integer> order = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(50);
    VMBCHANNEL client = SimChannelPair.builder(bus)
        .configureServer(server -> VmbChannelSetIncomingProcessingAtPassive(server, TRUE))
        .serverPackets((ch, pkt, buf, len, flags) -> {
          order.add(buf.getInt(buf.position()));
          VmbChannelPacketComplete(pkt, null, 0);
          all.countDown();
        })
        .clientPackets((ch, pkt, buf, len, f) -> VmbChannelPacketComplete(pkt, null, 0))
        .open().client();
    for (int i = 0; i < 50; i++) {
      VMBPACKET p = VmbPacketAllocate(client);
      assertNotNull(p);
      VmbPacketSend(p, ByteBuffer.allocate(4).putInt(0, i), 4, null, 0);
    }
    assertTrue(all.await(30, TimeUnit.SECONDS));
    for (int i = 0; i < 50; i++) {
      assertEquals(i, order.get(i));
    }
  }

  @Test
  void pipeModeFramesEachMessageAndRefusesTransactions() throws Exception {
    SimVmbus bus = new SimVmbus();
    BlockingQueue<Integer> lengths = new ArrayBlockingQueue<>(4);
    VMBCHANNEL client = SimChannelPair.builder(bus)
        .configureServer(server -> assertEquals(NtStatus.STATUS_SUCCESS,
            VmbChannelInitSetFlags(server, VMBUS_CHANNEL_INIT_FLAG_IS_PIPE)))
        .serverPackets((ch, pkt, buf, len, flags) -> {
          lengths.add(len);
          VmbChannelPacketComplete(pkt, null, 0);
        })
        .configureClient(c -> VmbChannelInitSetFlags(c, VMBUS_CHANNEL_INIT_FLAG_IS_PIPE))
        .clientPackets((ch, pkt, buf, len, f) -> VmbChannelPacketComplete(pkt, null, 0))
        .open().client();
    VMBPACKET p = VmbPacketAllocate(client);
    assertNotNull(p);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(p, ByteBuffer.allocate(5), 5, null, 0));
    assertEquals(5, lengths.poll(30, TimeUnit.SECONDS), "the exact length survives the padding");
    VMBPACKET q = VmbPacketAllocate(client);
    assertNotNull(q);
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER, VmbPacketSend(q, ByteBuffer.allocate(5), 5, null,
        VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION));
  }

  @Test
  void bounceBuffersStayWithinTheirMaximumAndMmioIsReservedByTheServer() {
    SimVmbus bus = new SimVmbus();
    VMBCHANNEL c = allocate(bus.guestDevice(), false);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetBounceBufferSizes(c, 4096, 4096, 8192));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelAllocateBounceBuffer(c, 8192));
    assertEquals(NtStatus.STATUS_INSUFFICIENT_RESOURCES, VmbChannelAllocateBounceBuffer(c, 4096));
    VMBCHANNEL s = allocate(bus.hostDevice(), true);
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, VmbChannelAllocateBounceBuffer(s, 4096));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbServerChannelInitSetMmioMegabytes(s, 1, 1));
    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, VmbChannelSetInterruptLatency(c, 1, new UInt16Ref()),
        "latency is valid only while open");
    assertTrue(c instanceof EngineChannel);
  }

  @Test
  void everyIncomingPacketCarriesTheClientContextArea() throws Exception {
    SimVmbus bus = new SimVmbus();
    BlockingQueue<Integer> sizes = new ArrayBlockingQueue<>(4);
    SimChannelPair pair = SimChannelPair.open(bus, SimChannelPair.DEFAULT_INTERFACE_TYPE, 4, server -> {
      assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetClientContextSize(server, 48));
      VmbChannelInitSetProcessPacketCallbacks(server, (ch, pkt, buf, len, flags) -> {
        ByteBuffer context = VmbChannelPacketGetClientContext(pkt);
        context.putLong(0, 42L); // the driver's own per-packet area, writable
        sizes.add(context.capacity());
        VmbChannelPacketComplete(pkt, null, 0);
      }, null);
    }, client -> VmbChannelInitSetProcessPacketCallbacks(client, (ch, pkt, buf, len, flags) ->
        VmbChannelPacketComplete(pkt, null, 0), null));
    VMBPACKET p = VmbPacketAllocate(pair.client());
    assertNotNull(p);
    VmbPacketSend(p, ByteBuffer.allocate(8), 8, null, 0);
    assertEquals(48, sizes.poll(30, TimeUnit.SECONDS));
    pair.close();
  }
}
