package dev.vmbkmcl.sim;

import static dev.vmbkmcl.Vmbkmcl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.UInt64Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A small storage-like protocol, both halves written only with {@code Vmbkmcl} calls: the guest
 * shares memory through a GPADL and through per-request external data, the host maps it, reads it
 * and answers with a checksum in the completion.
 */
class TwoSidedProtocolTest {
  private static final UUID INSTANCE = UUID.fromString("a1a2a3a4-b1b2-c1c2-d1d2-e1e2e3e4e5e6");

  private static final int OP_READ_GPADL = 1;
  private static final int OP_SUM_EXTERNAL = 2;

  /** The host side: a server channel whose packet callback serves the two operations. */
  private static void serve(VMBCHANNEL server) {
    VmbChannelInitSetProcessPacketCallbacks(server, (ch, pkt, buf, len, flags) -> {
      ByteBuffer req = buf.slice(buf.position(), len).order(ByteOrder.LITTLE_ENDIAN);
      int op = req.getInt(0);
      long sum = -1;
      if (op == OP_READ_GPADL) {
        Ref<Mdl> mdl = new Ref<>();
        if (NT_SUCCESS(VmbChannelMapGpadl(ch, VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY, req.getInt(4), mdl))) {
          sum = sum(mdl.require());
          VmbChannelUnmapGpadl(ch, req.getInt(4));
        }
      } else if (op == OP_SUM_EXTERNAL
          && (flags & VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA) != 0) {
        Ref<Mdl> mdl = new Ref<>();
        if (NT_SUCCESS(VmbChannelPacketGetExternalData(pkt, 0, mdl))) {
          sum = sum(mdl.require());
          // Write access: the host doubles every byte it was given (DATA in both directions).
          for (Mdl m = mdl.require(); m != null; m = m.next()) {
            ByteBuffer va = m.systemAddress();
            if (va != null) {
              for (int i = 0; i < va.limit(); i++) {
                va.put(i, (byte) (va.get(i) * 2));
              }
            }
          }
        }
      }
      ByteBuffer reply = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, sum);
      VmbChannelPacketComplete(pkt, reply, 8);
    }, null);
  }

  private static long sum(Mdl chain) {
    long s = 0;
    for (Mdl m = chain; m != null; m = m.next()) {
      ByteBuffer va = m.systemAddress();
      assertNotNull(va, "the simulated host maps guest pages with a view");
      for (int i = 0; i < va.limit(); i++) {
        s += va.get(i) & 0xFF;
      }
    }
    return s;
  }

  private static ByteBuffer pattern(int size, int seed) {
    ByteBuffer b = ByteBuffer.allocate(size);
    for (int i = 0; i < size; i++) {
      b.put(i, (byte) (i * 31 + seed));
    }
    return b;
  }

  private static long expectedSum(ByteBuffer b, int from, int to) {
    long s = 0;
    for (int i = from; i < to; i++) {
      s += b.get(i) & 0xFF;
    }
    return s;
  }

  @Test
  void inbandCompletionGpaDirectAndGpadlTrafficInOneRun() throws Exception {
    SimVmbus bus = new SimVmbus();
    BlockingQueue<NtStatus> completions = new ArrayBlockingQueue<>(4);
    BlockingQueue<Long> sums = new ArrayBlockingQueue<>(4);
    SimChannelPair pair = SimChannelPair.builder(bus).instance(INSTANCE)
        .configureServer(s -> {
          VmbServerChannelInitSetMmioMegabytes(s, 2, 0);
          serve(s);
        })
        .configureClient(c -> VmbChannelInitSetMaximumExternalData(c, 64 * 1024, 4))
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .open();
    VMBCHANNEL server = pair.server();
    VMBCHANNEL client = pair.client();

    // GPADL: three pages with a two-byte offset, read by the host through VmbChannelMapGpadl.
    ByteBuffer shared = pattern(3 * 4096, 7);
    shared.position(2);
    UInt32Ref gpadl = new UInt32Ref();
    assertEquals(STATUS(0), VmbChannelCreateGpadlFromBuffer(client, VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY,
        shared, 3 * 4096 - 2, gpadl));
    assertEquals(1, bus.gpadlCount(client));
    ByteBuffer request = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(0, OP_READ_GPADL).putInt(4, gpadl.get());
    ByteBuffer answer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    UInt32Ref answerSize = new UInt32Ref(8);
    assertEquals(STATUS(0), VmbChannelSendSynchronousRequest(client, request, 8, null,
        VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, answer, answerSize, null));
    assertEquals(expectedSum(shared, 2, 3 * 4096), answer.getLong(0));
    VmbChannelDeleteGpadl(client, gpadl.get());
    assertEquals(0, bus.gpadlCount(client));

    // GPA-direct: an MDL chain of two regions of one buffer sent with VmbPacketSendWithExternalMdl.
    ByteBuffer data = pattern(10_000, 3);
    Mdl chain = Mdl.IoAllocateMdl(data, 100, 5_000);
    chain.link(Mdl.IoAllocateMdl(data, 6_000, 4_000));
    long before = expectedSum(data, 1_100, 5_100) + expectedSum(data, 6_000, 7_000);
    VMBPACKET packet = VmbPacketAllocate(client);
    assertNotNull(packet);
    VmbPacketSetCompletionRoutine(packet, (p, status, buf, len) -> {
      completions.add(status);
      sums.add(buf == null ? -2 : buf.order(ByteOrder.LITTLE_ENDIAN).getLong(buf.position()));
    });
    ByteBuffer op = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, OP_SUM_EXTERNAL);
    assertEquals(STATUS(0), VmbPacketSendWithExternalMdl(packet, op, 4, chain, 1_000, 5_000,
        VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION));
    assertEquals(STATUS(0), completions.poll(30, TimeUnit.SECONDS));
    assertEquals(before, sums.poll(30, TimeUnit.SECONDS));
    assertEquals((byte) ((1_100 * 31 + 3) * 2), data.get(1_100), "the host wrote through the MDL");
    assertEquals((byte) (1_099 * 31 + 3), data.get(1_099), "bytes outside the range are untouched");
    VmbPacketFree(packet);

    UInt64Ref mmio = new UInt64Ref();
    UInt64Ref mmioSize = new UInt64Ref();
    VmbChannelGetMmioSpace(client, mmio, mmioSize);
    assertEquals(2L << 20, mmioSize.get());
    assertTrue(mmio.get() != 0);

    VmbChannelDisable(client);
    VmbChannelDisable(server);
    assertNull(((dev.vmbkmcl.channel.EngineChannel) client).corruption());
  }

  private static NtStatus STATUS(int value) {
    return NtStatus.valueOf(value);
  }

  static void awaitOpen(SimVmbus bus, VMBCHANNEL channel) throws InterruptedException {
    dev.vmbkmcl.channel.EngineChannel ch = (dev.vmbkmcl.channel.EngineChannel) channel;
    for (int i = 0; i < 30_000 && !ch.isOpen(); i++) {
      Thread.sleep(1);
    }
    assertTrue(ch.isOpen(), "the channel did not open on " + bus.name());
  }
}
