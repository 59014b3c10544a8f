package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.channel.EngineChannel;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One open uio device and every channel the driver runs over it: the primary channel and its
 * sub-channels (ring reference §4.5). It owns the {@link InterruptDispatcher} and closes the device
 * only when the last of its channels let go, so no channel's rings are unmapped while its engine
 * may still touch them.
 */
final class DeviceSession {
  private final UioDevice device;
  private final InterruptDispatcher dispatcher;
  private final Set<EngineChannel> holders = new HashSet<>();
  private final Set<Integer> claimedRelids = new HashSet<>();
  private boolean closed;

  DeviceSession(UioDevice device, Function<Runnable, Thread> threads) {
    this.device = device;
    this.dispatcher = new InterruptDispatcher(device, threads);
  }

  UioDevice device() {
    return device;
  }

  InterruptDispatcher dispatcher() {
    return dispatcher;
  }

  /** Starts delivering interrupts; call once, after the primary's link is registered. */
  void start() {
    dispatcher.start();
  }

  /** Adds a channel that uses the device; false when the session is closed already. */
  synchronized boolean hold(EngineChannel channel) {
    if (closed) {
      return false;
    }
    holders.add(channel);
    return true;
  }

  /**
   * Claims a sub-channel's relid for one driver channel; false when another channel has it.
   * Claims last as long as the session.
   */
  synchronized boolean claim(int relid) {
    return !closed && claimedRelids.add(relid);
  }

  /** Gives a claim back after the channel could not be opened over it. */
  synchronized void unclaim(int relid) {
    claimedRelids.remove(relid);
  }

  /** Whether the session still has its device open. */
  synchronized boolean isOpen() {
    return !closed;
  }

  /** A channel lets go (idempotent); the last one closes the device. */
  void release(EngineChannel channel) {
    boolean last;
    synchronized (this) {
      if (!holders.remove(channel) || !holders.isEmpty() || closed) {
        return;
      }
      closed = true;
      last = true;
    }
    if (last) {
      device.close(); // the last close of /dev/uioN closes the VMBus channel (§4.6)
    }
  }
}
