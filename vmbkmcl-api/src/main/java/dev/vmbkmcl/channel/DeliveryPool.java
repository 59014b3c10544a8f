package dev.vmbkmcl.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * Free deliveries of one channel: a lock-free stack that any thread returns to and only the thread
 * holding the reader role takes from. With a single taker the stack has no ABA problem: a delivery
 * on the stack cannot be pushed again until that taker popped it. No node objects, no monitor.
 */
final class DeliveryPool {
  private static final VarHandle HEAD;

  static {
    try {
      HEAD = MethodHandles.lookup().findVarHandle(DeliveryPool.class, "head", Delivery.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("UnusedVariable") // accessed through HEAD
  private volatile @Nullable Delivery head;

  /** Pops a free delivery, or null when there is none; only the reader calls it. */
  @Nullable Delivery take() {
    while (true) {
      Delivery h = (Delivery) HEAD.getAcquire(this);
      if (h == null) {
        return null;
      }
      if (HEAD.compareAndSet(this, h, h.poolNext)) {
        h.poolNext = null;
        return h;
      }
    }
  }

  /** Pushes {@code d}; any thread. */
  void put(Delivery d) {
    while (true) {
      Delivery h = (Delivery) HEAD.getAcquire(this);
      d.poolNext = h;
      if (HEAD.compareAndSet(this, h, d)) {
        return;
      }
    }
  }
}
