package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The guest side of the Hyper-V heartbeat integration component (reference §5.3, §5.4), written
 * only with KMCL calls: it answers the host's version negotiation (framework 3.0/1.0, heartbeat
 * 3.0/1.0, kernel preference order) and every heartbeat with sequence + 1.
 */
final class HeartbeatGuest {
  static final UUID HEARTBEAT_CLASS = UUID.fromString("57164f39-9115-4e78-ab55-382f3bd5422d");
  private static final int[][] FRAMEWORK_VERSIONS = {{3, 0}, {1, 0}};
  private static final int[][] HEARTBEAT_VERSIONS = {{3, 0}, {1, 0}};

  private final PrintStream out;
  private final AtomicInteger answered = new AtomicInteger();
  private final ByteBuffer reply = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
  private final VMBCHANNEL channel;

  HeartbeatGuest(DeviceObject guest, PrintStream out) {
    this.out = out;
    Ref<VMBCHANNEL> ch = new Ref<>();
    check(VmbChannelAllocate(guest, FALSE, ch), "VmbChannelAllocate");
    channel = ch.require();
    check(VmbClientChannelInitSetTargetPnp(channel, HEARTBEAT_CLASS, null, null),
        "VmbClientChannelInitSetTargetPnp");
    check(VmbChannelInitSetProcessPacketCallbacks(channel, this::onPacket, null),
        "VmbChannelInitSetProcessPacketCallbacks");
  }

  NtStatus enable() {
    return VmbChannelEnable(channel);
  }

  void disable() {
    VmbChannelDisable(channel);
    VmbChannelCleanup(channel);
  }

  int answered() {
    return answered.get();
  }

  private void onPacket(VMBCHANNEL ch, VMBPACKETCOMPLETION packet, ByteBuffer buffer, int length,
      int flags) {
    ByteBuffer msg = buffer.slice(buffer.position(), length).order(ByteOrder.LITTLE_ENDIAN);
    if (IcFrame.wellFormed(msg, length)) {
      reply.clear();
      reply.put(0, msg, 0, length);
      int type = Short.toUnsignedInt(msg.getShort(IcFrame.MSG_TYPE));
      if (type == IcFrame.TYPE_NEGOTIATE) {
        negotiate(length);
      } else if (type == IcFrame.TYPE_HEARTBEAT
          && Short.toUnsignedInt(msg.getShort(IcFrame.MSG_SIZE)) >= 8) {
        long seq = reply.getLong(IcFrame.BODY);
        reply.putLong(IcFrame.BODY, seq + 1);
        out.printf("guest: heartbeat seq %d -> answered %d%n", seq, seq + 1);
        answered.incrementAndGet();
      } else {
        reply.putInt(IcFrame.STATUS, IcFrame.E_FAIL);
      }
      reply.put(IcFrame.FLAGS, (byte) IcFrame.FLAGS_GUEST_RESPONSE);
      send(length);
    }
    VmbChannelPacketComplete(packet, null, 0);
  }

  /** The guest answer of §5.3, edited in place in {@code reply}. */
  private void negotiate(int length) {
    int fc = Short.toUnsignedInt(reply.getShort(IcFrame.BODY));
    int mc = Short.toUnsignedInt(reply.getShort(IcFrame.BODY + 2));
    int versions = IcFrame.BODY + 8;
    int @Nullable [] fw = null;
    int @Nullable [] msgVersion = null;
    if (fc <= 100 && mc <= 100 && versions + 4 * (fc + mc) <= length) {
      fw = pick(FRAMEWORK_VERSIONS, versions, 0, fc);
      msgVersion = pick(HEARTBEAT_VERSIONS, versions, fc, fc + mc);
    }
    reply.putShort(IcFrame.MSG_SIZE, (short) 16);
    boolean ok = fw != null && msgVersion != null;
    reply.putShort(IcFrame.BODY, (short) (ok ? 1 : 0)).putShort(IcFrame.BODY + 2, (short) (ok ? 1 : 0));
    if (fw != null && msgVersion != null) {
      reply.putShort(versions, (short) fw[0]).putShort(versions + 2, (short) fw[1]);
      reply.putShort(versions + 4, (short) msgVersion[0]).putShort(versions + 6, (short) msgVersion[1]);
      out.printf("guest: negotiated framework %d.%d, heartbeat %d.%d%n", fw[0], fw[1],
          msgVersion[0], msgVersion[1]);
    } else {
      out.println("guest: no common version with the host");
    }
  }

  private int @Nullable [] pick(int[][] ours, int base, int from, int to) {
    for (int[] v : ours) {
      for (int i = from; i < to; i++) {
        int at = base + 4 * i;
        if (Short.toUnsignedInt(reply.getShort(at)) == v[0]
            && Short.toUnsignedInt(reply.getShort(at + 2)) == v[1]) {
          return v;
        }
      }
    }
    return null;
  }

  private void send(int length) {
    VMBPACKET p = VmbPacketAllocate(channel);
    if (p == null) {
      out.println("guest: no packet available, response dropped");
      return;
    }
    reply.position(0);
    check(VmbPacketSend(p, reply, length, null, 0), "VmbPacketSend");
  }

  static void check(NtStatus status, String what) {
    if (!NT_SUCCESS(status)) {
      throw new IllegalStateException(what + " failed: " + status);
    }
  }
}
