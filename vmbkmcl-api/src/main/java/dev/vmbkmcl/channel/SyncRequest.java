package dev.vmbkmcl.channel;

import dev.vmbkmcl.NtStatus;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * One {@code VmbChannelSendSynchronousRequest} in progress: the internal packet that carries it and
 * the slot its waiting thread is woken through. Reused from a per-channel pool.
 */
final class SyncRequest {
  final EnginePacket packet;
  private ByteBuffer response = ByteBuffer.allocate(64);
  private int responseLength;
  private volatile @Nullable NtStatus status;
  @Nullable Thread waiter;

  SyncRequest(EnginePacket packet) {
    this.packet = packet;
    packet.sync = this;
  }

  void reset(Thread thread) {
    status = null;
    responseLength = 0;
    waiter = thread;
  }

  /** Records the outcome (first call wins) and wakes the waiting thread. */
  void finish(NtStatus outcome, @Nullable ByteBuffer payload, int offset, int length) {
    if (status != null) {
      return;
    }
    if (payload != null && length > 0) {
      if (response.capacity() < length) {
        response = ByteBuffer.allocate(Math.max(length, response.capacity() * 2));
      }
      response.put(0, payload, offset, length);
      responseLength = length;
    }
    status = outcome;
    Thread t = waiter;
    if (t != null && t != Thread.currentThread()) { // a reaping waiter finishes its own request
      java.util.concurrent.locks.LockSupport.unpark(t);
    }
  }

  @Nullable NtStatus status() {
    return status;
  }

  /** Copies the peer's completion into {@code dst} at its position; returns the bytes copied. */
  int copyResponse(ByteBuffer dst, int capacity) {
    int n = Math.min(capacity, responseLength);
    dst.put(dst.position(), response, 0, n);
    return n;
  }
}
