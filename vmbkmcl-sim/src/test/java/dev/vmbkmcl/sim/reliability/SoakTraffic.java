package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketFree;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSetCompletionRoutine;

import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.sim.reliability.SoakLedger.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One traffic thread of the soak: until its deadline it picks a channel and a kind of send at
 * random (seeded) and records every send and its end in the channel's {@link SoakLedger}. Mix:
 * asynchronous inband with and without a completion, synchronous requests with a timeout or none,
 * GPA-direct synchronous requests over guest memory, and zero-timeout requests that may not wait.
 */
final class SoakTraffic implements Runnable {
  private static final int WAIT = VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;

  private final List<SoakChannel> channels;
  private final SplittableRandom random;
  private final long deadlineNanos;
  /** This thread's guest memory for GPA-direct requests; one request at a time uses it. */
  private final ByteBuffer external = ByteBuffer.allocate(2 * 4096).order(ByteOrder.LITTLE_ENDIAN);

  SoakTraffic(List<SoakChannel> channels, long seed, long deadlineNanos) {
    this.channels = channels;
    this.random = new SplittableRandom(seed);
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public void run() {
    while (System.nanoTime() - deadlineNanos < 0) {
      SoakChannel c = channels.get(random.nextInt(channels.size()));
      int length = SoakChannel.HEADER + 8 * random.nextInt(64);
      int pick = random.nextInt(100);
      if (pick < 35) {
        sendAsync(c, Kind.ASYNC_WAIT, length);
      } else if (pick < 55) {
        sendAsync(c, Kind.ASYNC_NO_WAIT, length);
      } else if (pick < 80) {
        sendSync(c, length);
      } else if (pick < 92) {
        sendGpaDirect(c, length);
      } else {
        sendWithoutWaiting(c, length);
      }
    }
  }

  private void sendAsync(SoakChannel c, Kind kind, int length) {
    VMBPACKET packet = VmbPacketAllocate(c.client());
    if (packet == null) {
      return; // every packet of the lookaside list is in flight: the bound works
    }
    long seq = c.ledger.begin(kind);
    VmbPacketSetCompletionRoutine(packet, (p, status, buffer, size) -> {
      boolean echo = buffer != null && size >= 8
          && buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(buffer.position()) == seq;
      c.ledger.ended(seq, status, echo);
      VmbPacketFree(p);
    });
    NtStatus s = VmbPacketSend(packet, c.request(seq, length), length, null,
        kind == Kind.ASYNC_WAIT ? WAIT : 0);
    if (!s.equals(NtStatus.STATUS_SUCCESS)) {
      c.ledger.refused(seq, s);
      VmbPacketFree(packet);
    }
  }

  private void sendSync(SoakChannel c, int length) {
    long seq = c.ledger.begin(Kind.SYNC);
    // Mostly bounded waits; one in ten waits for as long as the channel lives.
    LargeInteger timeout = random.nextInt(10) == 0 ? null
        : LargeInteger.relativeMillis(20 + random.nextInt(500));
    ByteBuffer answer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    UInt32Ref size = new UInt32Ref(8);
    NtStatus s = VmbChannelSendSynchronousRequest(c.client(), c.request(seq, length), length, null,
        WAIT, answer, size, timeout);
    c.ledger.ended(seq, s, size.get() == 8 && answer.getLong(0) == seq);
  }

  private void sendGpaDirect(SoakChannel c, int length) {
    long seq = c.ledger.begin(Kind.SYNC_GPA_DIRECT);
    int bytes = 8 + 8 * random.nextInt(600);
    external.putLong(0, seq);
    ByteBuffer answer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    UInt32Ref size = new UInt32Ref(8);
    NtStatus s = VmbChannelSendSynchronousRequest(c.client(), c.request(seq, length), length,
        Mdl.IoAllocateMdl(external, 0, bytes), WAIT, answer, size,
        LargeInteger.relativeMillis(50 + random.nextInt(500)));
    c.ledger.ended(seq, s,
        size.get() == 8 && answer.getLong(0) == (seq ^ SoakChannel.GPA_MARK));
  }

  private void sendWithoutWaiting(SoakChannel c, int length) {
    long seq = c.ledger.begin(Kind.SYNC_NO_WAIT);
    NtStatus s = VmbChannelSendSynchronousRequest(c.client(), c.request(seq, length), length, null,
        0, null, null, new LargeInteger(0));
    c.ledger.ended(seq, s, true);
  }
}
