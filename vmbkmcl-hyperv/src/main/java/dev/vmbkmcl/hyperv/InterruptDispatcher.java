package dev.vmbkmcl.hyperv;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The one reader of a uio device's interrupt counter (ring reference §4.3: only one thread may wait
 * on it). Each interrupt rings the doorbell of every channel of the device, primary and
 * sub-channels alike, because the counter does not say which channel the host signalled; a rescind
 * (POLLERR, EIO) tells every channel. Ends when the device closes.
 */
final class InterruptDispatcher {

  /** What a channel of the device hears from the dispatcher. */
  interface Listener {
    /** The host signalled some channel of the device. */
    void interrupted();

    /** The host rescinded the device; called once. */
    void rescinded();
  }

  private final UioDevice device;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final Thread thread;

  /**
   * @param device the open device; the dispatcher ends when it closes
   * @param threads makes the dispatcher's thread from its task
   */
  InterruptDispatcher(UioDevice device, Function<Runnable, Thread> threads) {
    this.device = device;
    this.thread = threads.apply(this::run);
  }

  void start() {
    thread.start();
  }

  void add(Listener listener) {
    listeners.add(listener);
  }

  void remove(Listener listener) {
    listeners.remove(listener);
  }

  private void run() {
    while (true) {
      int outcome;
      try {
        outcome = device.awaitInterrupt(-1);
      } catch (HypervException | IllegalStateException e) {
        outcome = UioDevice.RESCINDED;
      }
      switch (outcome) {
        case UioDevice.INTERRUPT, UioDevice.WOKEN -> listeners.forEach(Listener::interrupted);
        case UioDevice.RESCINDED -> {
          listeners.forEach(Listener::rescinded);
          return;
        }
        case UioDevice.CLOSED -> {
          return;
        }
        default -> {
          // TIMEOUT cannot happen on an unbounded wait; wait again
        }
      }
    }
  }
}
