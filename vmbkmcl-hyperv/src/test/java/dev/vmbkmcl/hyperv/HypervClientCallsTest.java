package dev.vmbkmcl.hyperv;

import static dev.vmbkmcl.Vmbkmcl.FALSE;
import static dev.vmbkmcl.Vmbkmcl.TRUE;
import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelCleanup;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDeleteGpadl;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelEnable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelGetMmioSpace;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelGetParentDeviceObject;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelGetPointer;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetBounceBufferSizes;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetClientContextSize;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetFriendlyName;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetInlinePacketContextSize;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetMaximumExternalData;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetMaximumPacketCount;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetMaximumPacketSize;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetProcessPacketCallbacksEx;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetStateChangeCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitialize;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketDeferToPassive;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketFail;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketGetClientContext;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPause;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelRestoreFromBuffer;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSaveBegin;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSaveContinue;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSaveEnd;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSetAllowableDpcCpuUsage;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSetIncomingProcessingAtPassive;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSetInterruptLatency;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSetPointer;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSetTransactionQuota;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSizeofPacket;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelStart;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelUnmapGpadl;
import static dev.vmbkmcl.Vmbkmcl.VmbClientChannelInitSetRingBufferPageCount;
import static dev.vmbkmcl.Vmbkmcl.VmbClientChannelInitSetTargetPnp;
import static dev.vmbkmcl.Vmbkmcl.VmbClientChannelInitSetTargetProcessorIndex;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketGetChannel;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketGetInlinePacketContextPointer;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketGetPointer;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketInitialize;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketRestore;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSendWithExternalMdl;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSendWithExternalPfns;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetCompletionRoutineEx;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetPointer;
import static dev.vmbkmcl.Vmbkmcl.VmbServerChannelInitSetFlags;
import static dev.vmbkmcl.Vmbkmcl.VmbServerChannelInitSetTargetInterfaceId;
import static dev.vmbkmcl.Vmbkmcl.VmbSizeofChannel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt16Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.UInt64Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client-side KMCL calls that the engine implements for every backend, each made once through
 * the hyperv backend over the fake device, so that the README's hyperv column says "works" only for
 * calls that ran here; and the server-only calls on a client channel.
 */
class HypervClientCallsTest {

  private static final String ID = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  private static final UUID DM = VmbusClasses.DYNAMIC_MEMORY;
  private static final Object CONTEXT = "driver context";

  @TempDir Path temp;
  private SimulatedHost host;
  private HypervBackend backend;
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  @BeforeEach
  void hostedDevice() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    host = tree.hostedDevice(ID, DM, 14, "uio0").openChannel(false);
    backend = new HypervBackend(tree.paths, TimeSource.SYSTEM, UioDevice::openWithStandInDoorbells);
  }

  @AfterEach
  void stopHost() {
    host.close();
  }

  /** Every optional client InitSet call, Ex callbacks, passive delivery: the channel runs. */
  private VMBCHANNEL configuredChannel(GuestChannel.Handler handler) {
    Ref<VMBCHANNEL> ref = new Ref<>();
    GuestChannel.check(
        VmbChannelInitialize(backend.defaultDevice(), FALSE, ref, VmbSizeofChannel()), "init");
    VMBCHANNEL ch = ref.require();
    GuestChannel.check(VmbClientChannelInitSetTargetPnp(ch, DM, UUID.fromString(ID), null), "pnp");
    GuestChannel.check(VmbChannelInitSetMaximumPacketSize(ch, 4096), "size");
    GuestChannel.check(VmbChannelInitSetMaximumPacketCount(ch, 16), "count");
    GuestChannel.check(VmbChannelInitSetMaximumExternalData(ch, 8192, 2), "external");
    GuestChannel.check(VmbChannelInitSetClientContextSize(ch, 32), "client context");
    GuestChannel.check(VmbChannelInitSetInlinePacketContextSize(ch, 24), "inline context");
    GuestChannel.check(VmbChannelInitSetBounceBufferSizes(ch, 4096, 4096, 8192), "bounce");
    GuestChannel.check(VmbChannelInitSetFriendlyName(ch, "balloon"), "name");
    // Recorded only: uio_hv_generic made the rings and the kernel routes the interrupt.
    GuestChannel.check(VmbClientChannelInitSetRingBufferPageCount(ch, 64, 64), "pages");
    GuestChannel.check(VmbClientChannelInitSetTargetProcessorIndex(ch, 1), "processor");
    GuestChannel.check(VmbChannelInitSetProcessPacketCallbacksEx(ch, CONTEXT,
        (channel, context, packet, buffer, length, flags) -> {
          byte[] payload = new byte[length];
          buffer.get(buffer.position(), payload);
          events.add("packet " + (context == CONTEXT) + " "
              + VmbChannelPacketGetClientContext(packet).capacity());
          handler.handle(packet, payload, flags);
        },
        (channel, context, processed) -> events.add("batch")), "callbacks");
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(callbacks);
    callbacks.EvtChannelOpened = c -> {
      events.add("opened");
      return NtStatus.STATUS_SUCCESS;
    };
    callbacks.EvtChannelStarted = c -> events.add("started");
    callbacks.EvtChannelSuspend = c -> events.add("suspend");
    callbacks.EvtChannelClosed = c -> events.add("closed");
    GuestChannel.check(VmbChannelInitSetStateChangeCallbacks(ch, callbacks), "state callbacks");
    VmbChannelSetIncomingProcessingAtPassive(ch, TRUE);
    VmbChannelSetAllowableDpcCpuUsage(ch, 50);
    return ch;
  }

  private String nextEvent() throws InterruptedException {
    return Objects.requireNonNull(events.poll(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS),
        "no channel event within the deadline");
  }

  @Test
  void configurationAccessorsAndPauseStartWork() throws Exception {
    VMBCHANNEL ch = configuredChannel(GuestChannel.COMPLETE);
    GuestChannel.check(VmbChannelEnable(ch), "enable");
    assertEquals("opened", nextEvent());
    assertEquals("started", nextEvent());

    VmbChannelSetPointer(ch, CONTEXT);
    assertSame(CONTEXT, VmbChannelGetPointer(ch));
    Ref<DeviceObject> parent = new Ref<>();
    VmbChannelGetParentDeviceObject(ch, parent);
    assertSame(backend.defaultDevice(), parent.get());
    UInt64Ref address = new UInt64Ref(7);
    UInt64Ref size = new UInt64Ref(7);
    VmbChannelGetMmioSpace(ch, address, size);
    assertEquals(0, address.get() | size.get(), "a guest client has no MMIO range");
    UInt16Ref original = new UInt16Ref();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelSetInterruptLatency(ch, 100, original));
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelSetInterruptLatency(ch, 200, original));
    assertEquals(100, original.get(), "recorded and handed back; the kernel owns the latency");
    assertEquals(4096 + 8 + 24, VmbChannelSizeofPacket(ch));
    VMBPACKET tooLarge = Objects.requireNonNull(VmbPacketAllocate(ch));
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_3,
        VmbPacketSend(tooLarge, ByteBuffer.allocate(4104), 4104, null, 0), "MaximumPacketSize");

    VmbChannelPause(ch);
    assertEquals("suspend", nextEvent());
    host.send(PacketLayout.TYPE_INBAND, 0, 0, new byte[16]); // waits in the ring while paused
    VmbChannelStart(ch);
    assertEquals("started", nextEvent());
    // Passive delivery runs on a worker, so the batch end may be reported first.
    String first = nextEvent();
    String second = nextEvent();
    assertEquals(List.of("batch", "packet true 32"), Stream.of(first, second).sorted().toList(),
        "Ex callback with its context and a 32-byte client context; the batch end");

    VmbChannelDisable(ch);
    assertEquals("suspend", nextEvent());
    assertEquals("closed", nextEvent());
    VmbChannelCleanup(ch);
  }

  @Test
  void deferQuotaAndFailWork() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch failed = new CountDownLatch(1);
    VMBCHANNEL ch = configuredChannel((packet, payload, flags) -> {
      int call = calls.getAndIncrement();
      if (call == 0) {
        VmbChannelPacketDeferToPassive(packet); // delivered again, then completed
      } else if (payload[0] == 2) {
        VmbChannelPacketFail(packet);
        failed.countDown();
      } else {
        VmbChannelPacketComplete(packet, null, 0);
      }
    });
    VmbChannelSetTransactionQuota(ch, 1);
    GuestChannel.check(VmbChannelEnable(ch), "enable");

    host.send(PacketLayout.TYPE_INBAND, PacketLayout.FLAG_COMPLETION_REQUESTED, 0x51,
        packet(1));
    SimulatedHost.HostPacket completion = host.awaitPacket();
    assertEquals(PacketLayout.TYPE_COMPLETION, completion.type());
    assertEquals(0x51, completion.transactionId());
    assertEquals(2, calls.get(), "deferred once, then delivered again and completed");

    host.send(PacketLayout.TYPE_INBAND, 0, 0, packet(2));
    assertTrue(failed.await(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS));
    VmbChannelDisable(ch);
    VmbChannelCleanup(ch);
  }

  private static byte[] packet(int first) {
    byte[] payload = new byte[16];
    payload[0] = (byte) first;
    return payload;
  }

  @Test
  void packetObjectsAndCallerSuppliedPageNumbersWork() throws Exception {
    VMBCHANNEL ch = configuredChannel(GuestChannel.COMPLETE);
    GuestChannel.check(VmbChannelEnable(ch), "enable");
    Ref<VMBPACKET> ref = new Ref<>();
    GuestChannel.check(
        VmbPacketInitialize(ch, ref, VmbChannelSizeofPacket(ch)), "VmbPacketInitialize");
    VMBPACKET packet = ref.require();
    CompletableFuture<byte[]> response = new CompletableFuture<>();
    VmbPacketSetCompletionRoutineEx(packet, CONTEXT, (p, context, status, buffer, length) -> {
      byte[] bytes = new byte[length];
      if (buffer != null) {
        buffer.get(buffer.position(), bytes);
      }
      response.complete(status.equals(NtStatus.STATUS_SUCCESS) && context == CONTEXT
          ? bytes : new byte[0]);
    });
    VmbPacketSetPointer(packet, CONTEXT);
    assertSame(CONTEXT, VmbPacketGetPointer(packet));
    assertSame(ch, VmbPacketGetChannel(packet));
    assertEquals(24, VmbPacketGetInlinePacketContextPointer(packet).capacity());
    ByteBuffer inline = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 42);

    // Whole pages: one range of 2 pages, byte_offset 0 (§2.7).
    GuestChannel.check(VmbPacketSendWithExternalPfns(packet, inline, 8,
        new long[] {0x1000, 0x2000}, 2, VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION), "pfns");
    SimulatedHost.HostPacket sent = host.awaitPacket();
    assertEquals(PacketLayout.TYPE_GPA_DIRECT, sent.type());
    assertArrayEquals(Hex.bytes("00 00 00 00 01 00 00 00 00 20 00 00 00 00 00 00"
        + " 00 10 00 00 00 00 00 00 00 20 00 00 00 00 00 00"),
        Arrays.copyOfRange(sent.bytes(), 16, 48));
    byte[] answer = Hex.bytes("0b 00 0c 00 0d 00 0e 00");
    host.send(PacketLayout.TYPE_COMPLETION, 0, sent.transactionId(), answer);
    assertArrayEquals(answer, response.get(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS));

    // An MDL that carries page numbers: the slice [0x10, 0x30) of page 0x12345.
    VMBPACKET second = Objects.requireNonNull(VmbPacketAllocate(ch));
    GuestChannel.check(VmbPacketSendWithExternalMdl(second, inline, 8,
        Mdl.forPages(new long[] {0x12345}, 0, 4096), 0x10, 0x20,
        VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION), "mdl");
    SimulatedHost.HostPacket ranged = host.awaitPacket();
    assertArrayEquals(Hex.bytes("00 00 00 00 01 00 00 00 20 00 00 00 10 00 00 00"
        + " 45 23 01 00 00 00 00 00"), Arrays.copyOfRange(ranged.bytes(), 16, 40));
    host.send(PacketLayout.TYPE_COMPLETION, 0, ranged.transactionId(), new byte[0]);
    VmbChannelDisable(ch);
    VmbChannelCleanup(ch);
  }

  @Test
  void serverOnlyCallsOnAClientChannelAreRefused() throws Exception {
    VMBCHANNEL ch = configuredChannel(GuestChannel.COMPLETE);
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_1, VmbServerChannelInitSetFlags(ch, 0));
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_1,
        VmbServerChannelInitSetTargetInterfaceId(ch, DM, UUID.fromString(ID)));
    GuestChannel.check(VmbChannelEnable(ch), "enable");
    VMBPACKET packet = Objects.requireNonNull(VmbPacketAllocate(ch));
    ByteBuffer buffer = ByteBuffer.allocate(64);

    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, VmbChannelSaveBegin(ch));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED,
        VmbChannelSaveContinue(ch, buffer, 64, new UInt32Ref(), new UInt32Ref()));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, VmbChannelRestoreFromBuffer(ch, buffer, 64));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, VmbPacketRestore(packet, buffer, 64));
    assertThrows(IllegalStateException.class, () -> VmbChannelSaveEnd(ch));
    assertThrows(IllegalStateException.class, () -> VmbChannelUnmapGpadl(ch, 1));
    VmbChannelDeleteGpadl(ch, 1); // no GPADL can exist: nothing to delete

    GuestChannel.check(VmbPacketSend(packet, ByteBuffer.allocate(16), 16, null, 0), "send");
    assertEquals(16, host.awaitPacket().payload().length, "the channel still works");
    VmbChannelDisable(ch);
    VmbChannelCleanup(ch);
  }
}
