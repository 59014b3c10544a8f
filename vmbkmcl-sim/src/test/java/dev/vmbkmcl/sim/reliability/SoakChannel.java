package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketGetExternalData;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One channel of the soak: a {@link SimChannelPair} whose server answers every request with its
 * sequence number (or, for GPA-direct requests, with the first eight bytes of the guest memory it
 * mapped, marked), and can be told to stall: it then holds its answers until the stall ends.
 *
 * <p>Request layout: {@code u32 MAGIC, u32 channel, u64 sequence}, then padding.
 */
final class SoakChannel {
  static final int MAGIC = 0x4b414f53;
  static final int HEADER = 16;
  /** XORed into a GPA-direct answer, so it cannot be mistaken for an inline echo. */
  static final long GPA_MARK = 0x5a5a_5a5a_0000_0000L;

  /** An answer the stalled server holds back. */
  private record Held(VMBPACKETCOMPLETION packet, long reply) {}

  final int index;
  final SimChannelPair pair;
  final SoakLedger ledger;
  private final List<String> problems;
  private final ConcurrentLinkedQueue<Held> held = new ConcurrentLinkedQueue<>();
  private volatile long stallUntilNanos;

  SoakChannel(SimVmbus bus, int index, int ringPages, List<String> problems) {
    this.index = index;
    this.problems = problems;
    this.ledger = new SoakLedger(index, problems);
    this.pair = SimChannelPair.builder(bus).instance(new UUID(0x50a4L, index)).ringPages(ringPages)
        .maximumPacketCount(64)
        .serverPackets(this::serve)
        .clientPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0)).allocate();
  }

  VMBCHANNEL client() {
    return pair.client();
  }

  /** Holds every answer until {@code nanos} from now. */
  void stall(long nanos) {
    stallUntilNanos = System.nanoTime() + nanos;
  }

  /** Sends the held answers once the stall is over (or at once with {@code force}). */
  void releaseHeld(boolean force) {
    if (!force && System.nanoTime() - stallUntilNanos < 0) {
      return;
    }
    stallUntilNanos = System.nanoTime();
    for (Held h = held.poll(); h != null; h = held.poll()) {
      answer(h.packet(), h.reply());
    }
  }

  private void serve(VMBCHANNEL channel, VMBPACKETCOMPLETION packet, ByteBuffer buffer,
      int length, int flags) {
    try {
      ByteBuffer b = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      int at = buffer.position();
      if (length < HEADER || b.getInt(at) != MAGIC || b.getInt(at + 4) != index) {
        problem("the server of channel " + index + " received a foreign packet of " + length
            + " bytes");
        VmbChannelPacketComplete(packet, null, 0);
        return;
      }
      long seq = b.getLong(at + 8);
      ledger.received(seq);
      long reply = seq;
      if ((flags & VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA) != 0) {
        reply = externalData(packet, seq);
      }
      if (System.nanoTime() - stallUntilNanos < 0) {
        held.add(new Held(packet, reply));
      } else {
        answer(packet, reply);
      }
    } catch (RuntimeException | Error e) {
      problem("the server's packet callback threw " + e);
    }
  }

  /** The marked first eight bytes of the external data, which the guest filled with seq. */
  private long externalData(VMBPACKETCOMPLETION packet, long seq) {
    Ref<Mdl> mdl = new Ref<>();
    NtStatus s = VmbChannelPacketGetExternalData(packet, 0, mdl);
    ByteBuffer va = s.equals(NtStatus.STATUS_SUCCESS) ? mdl.require().systemAddress() : null;
    if (va == null) {
      problem("external data of " + seq + " could not be mapped: " + s);
      return 0;
    }
    return va.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(0) ^ GPA_MARK;
  }

  private static void answer(VMBPACKETCOMPLETION packet, long reply) {
    ByteBuffer answer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, reply);
    VmbChannelPacketComplete(packet, answer, 8);
  }

  /** A request for {@code seq}, {@code length} bytes (at least {@link #HEADER}). */
  ByteBuffer request(long seq, int length) {
    return ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(0, MAGIC).putInt(4, index).putLong(8, seq);
  }

  private void problem(String what) {
    if (problems.size() < 100) {
      problems.add(what);
    }
  }
}
