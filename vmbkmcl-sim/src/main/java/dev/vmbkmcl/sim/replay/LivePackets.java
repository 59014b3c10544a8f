package dev.vmbkmcl.sim.replay;

import dev.vmbkmcl.observe.ChannelObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The replay host's own tap: a copy of every packet the guest sends, descriptor included (the
 * driver callback sees only the payload). Bounded: a guest that floods the host overflows it, and
 * the replay reports that instead of growing.
 */
final class LivePackets implements ChannelObserver {
  static final int CAPACITY = 4096;
  private final BlockingQueue<ByteBuffer> packets = new ArrayBlockingQueue<>(CAPACITY);
  private volatile boolean overflowed;

  @Override
  public void packetReceived(ByteBuffer packet, long readIndexBefore, long readIndexAfter) {
    ByteBuffer copy = ByteBuffer.allocate(packet.remaining()).order(ByteOrder.LITTLE_ENDIAN);
    copy.put(0, packet, packet.position(), packet.remaining());
    if (!packets.offer(copy)) {
      overflowed = true;
    }
  }

  @Nullable ByteBuffer next(long timeoutNanos) throws InterruptedException {
    return packets.poll(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  boolean overflowed() {
    return overflowed;
  }
}
