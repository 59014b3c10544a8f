package dev.vmbkmcl.hyperv;

import static dev.vmbkmcl.Vmbkmcl.FALSE;
import static dev.vmbkmcl.Vmbkmcl.TRUE;
import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelAllocateBounceBuffer;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelCleanup;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelCreateGpadl;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelCreateGpadlFromBuffer;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelCreateGpadlFromMdl;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelCreateGpadlFromPfnList;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelEnable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelGetSystemAddressForGpadl;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetPrimaryChannel;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitialize;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelMapGpadl;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketGetExternalData;
import static dev.vmbkmcl.Vmbkmcl.VmbClientChannelInitSetTargetPnp;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketFree;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetCompletionRoutine;
import static dev.vmbkmcl.Vmbkmcl.VmbSizeofChannel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a guest's user space cannot do answers {@code STATUS_NOT_SUPPORTED} with a reason (issue 5,
 * "honest limits"), and external data goes on the wire only as page numbers the caller supplies.
 */
class HypervLimitsTest {

  private static final String ID = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";

  @TempDir Path temp;
  private SimulatedHost host;
  private HypervBackend backend;

  @BeforeEach
  void hostedDevice() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    host = tree.hostedDevice(ID, VmbusClasses.DYNAMIC_MEMORY, 14, "uio0").openChannel(false);
    backend = new HypervBackend(tree.paths, TimeSource.SYSTEM, UioDevice::openWithStandInDoorbells);
  }

  @AfterEach
  void stopHost() {
    host.close();
  }

  private GuestChannel open(GuestChannel.Handler handler) throws InterruptedException {
    return GuestChannel.allocate(backend, VmbusClasses.DYNAMIC_MEMORY, null, handler).start();
  }

  @Test
  void serverEndpointsAreRefusedWhenTheyAreMade() {
    Ref<VMBCHANNEL> channel = new Ref<>();

    assertEquals(NtStatus.STATUS_NOT_SUPPORTED,
        VmbChannelAllocate(backend.defaultDevice(), TRUE, channel));
    assertNull(channel.get());
    HypervError refused = Objects.requireNonNull(backend.lastAllocateError());
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, refused.status());
    assertTrue(refused.reason().contains("never the root partition"), refused.message());
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED,
        VmbChannelInitialize(backend.defaultDevice(), TRUE, channel, VmbSizeofChannel()));
    assertNull(channel.get());
  }

  @Test
  void gpadlsAndBounceBuffersAreNotSupportedAndTheChannelGoesOn() throws Exception {
    GuestChannel guest = open(GuestChannel.COMPLETE);
    VMBCHANNEL channel = guest.channel;
    ByteBuffer memory = ByteBuffer.allocateDirect(8192);
    UInt32Ref handle = new UInt32Ref();

    NtStatus[] answers = {
      VmbChannelCreateGpadlFromBuffer(channel, 0, memory, 8192, handle),
      VmbChannelCreateGpadlFromMdl(channel, 0, Mdl.forBuffer(memory), 0, 8192, handle),
      VmbChannelCreateGpadlFromPfnList(channel, 0, new long[] {0x12345}, 1, handle),
      VmbChannelCreateGpadl(channel, 0, 2, handle),
      VmbChannelMapGpadl(channel, 0, 1, new Ref<>()),
      VmbChannelAllocateBounceBuffer(channel, 4096),
    };

    NtStatus[] notSupported = new NtStatus[answers.length];
    Arrays.fill(notSupported, NtStatus.STATUS_NOT_SUPPORTED);
    assertArrayEquals(notSupported, answers);
    // Only the kernel's own GPADLs can be mapped, and this device has none.
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_3,
        VmbChannelGetSystemAddressForGpadl(channel, 0, 1, new Ref<>()));
    assertTrue(Objects.requireNonNull(backend.lastError(channel)).reason()
        .contains("kernel-made GPADLs"));
    byte[] payload = Hex.bytes("01 00 10 00 01 00 00 00 00 00 02 00 00 00 00 00");
    guest.send(payload);
    assertArrayEquals(payload, host.awaitPacket().payload());
    guest.disableAndCleanup();
  }

  @Test
  void externalDataGoesOutOnlyAsCallerSuppliedPageNumbers() throws Exception {
    CompletableFuture<NtStatus> mapped = new CompletableFuture<>();
    GuestChannel guest = open((packet, payload, flags) -> {
      if ((flags & VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA) != 0) {
        mapped.complete(VmbChannelPacketGetExternalData(packet, 0, new Ref<>()));
      }
      VmbChannelPacketComplete(packet, null, 0);
    });
    ByteBuffer inline = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(0, 0xCAFEBABEDEADBEEFL);

    // Java memory has no guest-physical page numbers user space could name.
    VMBPACKET javaMemory = Objects.requireNonNull(VmbPacketAllocate(guest.channel));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, VmbPacketSend(javaMemory, inline, 8,
        Mdl.forBuffer(ByteBuffer.allocateDirect(4096)), VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION));
    VmbPacketFree(javaMemory);

    // Page numbers the caller supplies travel as the GPA-direct packet of §8.8.
    VMBPACKET pages = Objects.requireNonNull(VmbPacketAllocate(guest.channel));
    CompletableFuture<NtStatus> completed = new CompletableFuture<>();
    VmbPacketSetCompletionRoutine(pages, (packet, status, buffer, length) -> {
      completed.complete(status);
      VmbPacketFree(packet);
    });
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(pages, inline, 8,
        Mdl.forPages(new long[] {0x12345}, 0x10, 0x20),
        VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION));
    SimulatedHost.HostPacket gpaDirect = host.awaitPacket();
    byte[] expected = Hex.bytes("09 00 05 00 06 00 01 00 01 00 00 00 00 00 00 00"
        + " 00 00 00 00 01 00 00 00 20 00 00 00 10 00 00 00"
        + " 45 23 01 00 00 00 00 00 ef be ad de be ba fe ca");
    byte[] wire = gpaDirect.bytes();
    // Bytes 8..15 are the transaction id: the engine's own, not the vector's 1.
    assertArrayEquals(Arrays.copyOfRange(expected, 0, 8), Arrays.copyOfRange(wire, 0, 8));
    assertArrayEquals(Arrays.copyOfRange(expected, 16, 48), Arrays.copyOfRange(wire, 16, 48));
    assertEquals(48, wire.length);
    host.send(PacketLayout.TYPE_COMPLETION, 0, gpaDirect.transactionId(), new byte[8]);
    assertEquals(NtStatus.STATUS_SUCCESS,
        completed.get(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS));

    // External data from the host cannot be mapped into user space.
    byte[] pageBufferHeader = Hex.bytes("00 00 00 00 02 00 00 00 00 01 00 00 00 00 00 00"
        + " 00 10 00 00 00 00 00 00 80 00 00 00 40 00 00 00 00 20 00 00 00 00 00 00");
    host.send(PacketLayout.TYPE_GPA_DIRECT, PacketLayout.FLAG_COMPLETION_REQUESTED, 7,
        pageBufferHeader, new byte[0]);
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED,
        mapped.get(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS));
    SimulatedHost.HostPacket completion = host.awaitPacket();
    assertEquals(PacketLayout.TYPE_COMPLETION, completion.type());
    assertEquals(7, completion.transactionId());
    guest.disableAndCleanup();
  }
}
