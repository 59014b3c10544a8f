package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The host side of the heartbeat integration component for the simulated backend, written with the
 * KMCL server API: it offers the heartbeat channel, negotiates versions as a Hyper-V host frames it
 * (reference §8.11), sends heartbeats and checks that each answer carries sequence + 1.
 */
final class HeartbeatHost {
  private static final UUID INSTANCE = UUID.fromString("fd149e91-82e0-4a7d-afa6-2a4166cbd7c0");
  private static final long FIRST_SEQUENCE = 0x10;

  private final PrintStream out;
  private final int beats;
  private final VMBCHANNEL channel;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long expected;
  private final java.util.concurrent.atomic.AtomicInteger acknowledged =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile String failure = "";

  HeartbeatHost(DeviceObject host, PrintStream out, int beats) {
    this.out = out;
    this.beats = beats;
    Ref<VMBCHANNEL> ch = new Ref<>();
    HeartbeatGuest.check(VmbChannelAllocate(host, TRUE, ch), "VmbChannelAllocate");
    channel = ch.require();
    HeartbeatGuest.check(VmbServerChannelInitSetTargetInterfaceId(channel,
        HeartbeatGuest.HEARTBEAT_CLASS, INSTANCE), "VmbServerChannelInitSetTargetInterfaceId");
    HeartbeatGuest.check(VmbChannelInitSetProcessPacketCallbacks(channel, this::onPacket, null),
        "VmbChannelInitSetProcessPacketCallbacks");
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(callbacks);
    callbacks.EvtChannelPostStarted = c -> sendNegotiate();
    HeartbeatGuest.check(VmbChannelInitSetStateChangeCallbacks(channel, callbacks),
        "VmbChannelInitSetStateChangeCallbacks");
  }

  void offer() {
    HeartbeatGuest.check(VmbChannelEnable(channel), "VmbChannelEnable");
    VmbChannelStart(channel); // a server starts its channel itself (§1.2 step 5)
    out.println("host: heartbeat offer published (class " + HeartbeatGuest.HEARTBEAT_CLASS + ")");
  }

  /** Waits for all heartbeats; returns an empty string on success, else what went wrong. */
  String await(long seconds) throws InterruptedException {
    if (!done.await(seconds, TimeUnit.SECONDS)) {
      return "timed out after " + acknowledged.get() + " of " + beats + " heartbeats";
    }
    return failure;
  }

  void withdraw() {
    VmbChannelDisable(channel);
    VmbChannelCleanup(channel);
  }

  private void sendNegotiate() {
    // Framework versions [1.0, 3.0] and heartbeat versions [1.0, 3.0], as §8.11 frames them.
    ByteBuffer request = IcFrame.hostRequest(IcFrame.TYPE_NEGOTIATE, 0, 0, 24);
    request.putShort(IcFrame.BODY, (short) 2).putShort(IcFrame.BODY + 2, (short) 2);
    int v = IcFrame.BODY + 8;
    request.putShort(v, (short) 1).putShort(v + 4, (short) 3).putShort(v + 8, (short) 1)
        .putShort(v + 12, (short) 3);
    out.println("host: negotiating (framework 1.0/3.0, heartbeat 1.0/3.0)");
    send(request);
  }

  private void sendHeartbeat(long sequence) {
    ByteBuffer request = IcFrame.hostRequest(IcFrame.TYPE_HEARTBEAT, 3, 3, 40);
    request.putLong(IcFrame.BODY, sequence);
    expected = sequence + 1;
    send(request);
  }

  private void send(ByteBuffer request) {
    VMBPACKET p = VmbPacketAllocate(channel);
    if (p == null) {
      finish("no packet available");
      return;
    }
    NtStatus s = VmbPacketSend(p, request, request.remaining(), null, 0);
    if (!NT_SUCCESS(s)) {
      finish("VmbPacketSend failed: " + s);
    }
  }

  private void onPacket(VMBCHANNEL ch, VMBPACKETCOMPLETION packet, ByteBuffer buffer, int length,
      int flags) {
    ByteBuffer msg = buffer.slice(buffer.position(), length).order(ByteOrder.LITTLE_ENDIAN);
    VmbChannelPacketComplete(packet, null, 0);
    if (!IcFrame.wellFormed(msg, length) || msg.get(IcFrame.FLAGS) != IcFrame.FLAGS_GUEST_RESPONSE) {
      finish("malformed answer from the guest");
      return;
    }
    int type = Short.toUnsignedInt(msg.getShort(IcFrame.MSG_TYPE));
    if (type == IcFrame.TYPE_NEGOTIATE) {
      int v = IcFrame.BODY + 8;
      if (msg.getShort(IcFrame.BODY) != 1) {
        finish("the guest found no common version");
        return;
      }
      out.printf("host: guest chose framework %d.%d, heartbeat %d.%d%n", msg.getShort(v),
          msg.getShort(v + 2), msg.getShort(v + 4), msg.getShort(v + 6));
      sendHeartbeat(FIRST_SEQUENCE);
    } else if (type == IcFrame.TYPE_HEARTBEAT) {
      long seq = msg.getLong(IcFrame.BODY);
      if (seq != expected) {
        finish("heartbeat answer " + seq + ", expected " + expected);
        return;
      }
      if (acknowledged.incrementAndGet() == beats) {
        finish("");
      } else {
        sendHeartbeat(seq + 1);
      }
    }
  }

  int acknowledged() {
    return acknowledged.get();
  }

  private void finish(String problem) {
    if (done.getCount() > 0) {
      failure = problem;
      done.countDown();
    }
  }
}
