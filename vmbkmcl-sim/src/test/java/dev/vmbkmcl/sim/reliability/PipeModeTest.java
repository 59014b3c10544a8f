package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_INIT_FLAG_IS_PIPE;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetFlags;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSendWithExternalPfns;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetCompletionRoutine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pipe mode end to end (issue 13 item 4), with the test playing the host on the wire: every send
 * path frames its data as {@code {u32 type = 1; u32 len}} then the bytes, written straight or after
 * waiting in the send queue, synchronous requests included; what pipe mode cannot carry
 * (transactions, external memory, more than 16,384 bytes) is refused with a status and nothing
 * reaches the ring; incoming pipe packets reach the driver without their header, and a completion
 * the host asks for is never sent (pipe mode has no transactions).
 */
class PipeModeTest {
  private static final int WAIT = VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;

  private final SimVmbus bus = new SimVmbus();
  private final List<byte[]> received = new CopyOnWriteArrayList<>();
  private SimChannelPair pair;
  private HostileHost host;

  @BeforeEach
  void openChannel() throws InterruptedException {
    pair = SimChannelPair.builder(bus).instance(UUID.randomUUID()).ringPages(2)
        .maximumPacketCount(64)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> {
          byte[] copy = new byte[len];
          buf.duplicate().get(copy);
          received.add(copy);
          VmbChannelPacketComplete(pkt, null, 0);
        })
        .startServer(false).allocate();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelInitSetFlags(pair.client(), VMBUS_CHANNEL_INIT_FLAG_IS_PIPE));
    pair.open();
    host = new HostileHost(bus, pair.client());
  }

  @AfterEach
  void closeChannel() {
    VmbChannelDisable(pair.client());
    VmbChannelDisable(pair.server());
  }

  private static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed + i * 7);
    }
    return b;
  }

  /** The host reads the next guest packet and checks it is one pipe data message of {@code data}. */
  private void expectPipeData(byte[] data) {
    IncomingPacket p = host.awaitFromGuest();
    assertEquals(PacketLayout.TYPE_INBAND, p.type());
    assertFalse(p.completionRequested(), "pipe mode has no transactions");
    ByteBuffer b = p.buffer().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int at = p.payloadOffset();
    assertEquals(1, b.getInt(at), "pipe type DATA");
    assertEquals(data.length, b.getInt(at + 4), "pipe length");
    assertTrue(p.payloadLength() >= data.length + 8);
    byte[] wire = new byte[data.length];
    b.get(at + 8, wire);
    assertArrayEquals(data, wire);
  }

  @Test
  void everySendPathFramesItsData() {
    byte[] plain = bytes(5, 1);
    VMBPACKET p = VmbPacketAllocate(pair.client());
    assertNotNull(p);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(p, ByteBuffer.wrap(plain), 5, null, 0));
    expectPipeData(plain);

    byte[] sync = bytes(13, 2);
    UInt32Ref size = new UInt32Ref(0);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelSendSynchronousRequest(pair.client(),
        ByteBuffer.wrap(sync), sync.length, null, 0, null, size, new LargeInteger(0)),
        "a synchronous request that does not wait goes out");
    assertEquals(0, size.get());
    expectPipeData(sync);

    // Queued: the host does not read, so most of these wait on the channel, framed.
    AtomicInteger written = new AtomicInteger();
    int count = 12;
    for (int i = 0; i < count; i++) {
      VMBPACKET q = VmbPacketAllocate(pair.client());
      assertNotNull(q);
      VmbPacketSetCompletionRoutine(q, (pk, status, buf, len) -> written.incrementAndGet());
      assertEquals(NtStatus.STATUS_SUCCESS,
          VmbPacketSend(q, ByteBuffer.wrap(bytes(700, i)), 700, null, 0));
    }
    assertTrue(written.get() < count, "some sends had to wait: " + written.get());
    assertEquals(NtStatus.STATUS_BUFFER_OVERFLOW, VmbChannelSendSynchronousRequest(pair.client(),
        ByteBuffer.wrap(sync), sync.length, null, 0, null, null, new LargeInteger(0)),
        "a zero-timeout request does not queue behind them");
    for (int i = 0; i < count; i++) {
      expectPipeData(bytes(700, i));
      host.signal();
    }
    Await.until("every queued send went out", () -> written.get() == count);
    assertNull(((EngineChannel) pair.client()).corruption());
  }

  @Test
  void whatPipeModeCannotCarryIsRefusedAndNothingIsSent() {
    ByteBuffer eight = ByteBuffer.allocate(8);
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER, VmbChannelSendSynchronousRequest(pair.client(),
        eight, 8, null, WAIT, ByteBuffer.allocate(8), new UInt32Ref(8), null),
        "WAIT_FOR_COMPLETION needs a transaction");
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER, VmbChannelSendSynchronousRequest(pair.client(),
        eight, 8, null, 0, ByteBuffer.allocate(8), new UInt32Ref(8), new LargeInteger(-10_000_000L)),
        "a timeout waits for a completion, which needs a transaction");
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER, VmbChannelSendSynchronousRequest(pair.client(),
        eight, 8, Mdl.forPages(new long[] {1}, 0, 4096), WAIT, null, null, null),
        "no external memory in pipe mode");
    VMBPACKET p = VmbPacketAllocate(pair.client());
    assertNotNull(p);
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER,
        VmbPacketSend(p, eight, 8, null, WAIT), "VmbPacketSend with a transaction");
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER,
        VmbPacketSendWithExternalPfns(p, eight, 8, new long[] {1}, 1, WAIT),
        "VmbPacketSendWithExternalPfns");
    byte[] marker = bytes(3, 9);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(p, ByteBuffer.wrap(marker), 3, null, 0));
    expectPipeData(marker); // the first thing on the wire: nothing refused got there
  }

  @Test
  void incomingPipePacketsLoseTheirHeaderAndAskedForCompletionsAreNotSent() {
    byte[] data = bytes(11, 3);
    ByteBuffer framed = ByteBuffer.allocate(8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    framed.putInt(1).putInt(data.length).put(data);
    assertTrue(host.tryWrite(PacketLayout.TYPE_INBAND, true, 77, framed.array()) <= 1);
    ByteBuffer partial = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    partial.putInt(2).putInt(8); // PARTIAL: not data, the driver never sees it
    assertTrue(host.tryWrite(PacketLayout.TYPE_INBAND, false, 0, partial.array()) <= 1);
    host.signal();
    Await.until("the data arrived", () -> received.size() == 1);
    assertArrayEquals(data, received.get(0));
    byte[] marker = bytes(4, 4);
    VMBPACKET p = VmbPacketAllocate(pair.client());
    assertNotNull(p);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(p, ByteBuffer.wrap(marker), 4, null, 0));
    expectPipeData(marker); // no completion for id 77 came before it
    assertEquals(1, received.size());
  }
}
