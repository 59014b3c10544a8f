package dev.vmbkmcl.sim;

import dev.vmbkmcl.spi.ChannelLink;
import java.nio.ByteBuffer;

/** One endpoint's view of a simulated connection: two rings in Java memory and two doorbells. */
final class SimLink implements ChannelLink {
  private final ByteBuffer outgoing;
  private final ByteBuffer incoming;
  private final SimDoorbell mine;
  private final SimDoorbell peer;
  private final SimFaults faults;

  SimLink(ByteBuffer outgoing, ByteBuffer incoming, SimDoorbell mine, SimDoorbell peer,
      SimFaults faults) {
    this.outgoing = outgoing;
    this.incoming = incoming;
    this.mine = mine;
    this.peer = peer;
    this.faults = faults;
  }

  @Override
  public ByteBuffer outgoingRing() {
    return outgoing;
  }

  @Override
  public ByteBuffer incomingRing() {
    return incoming;
  }

  @Override
  public void signalPeer() {
    if (faults.dropDoorbell()) {
      return;
    }
    long delay = faults.doorbellDelayNanos();
    if (delay > 0) {
      LateDoorbells.ring(peer, delay);
    } else {
      peer.ring();
    }
  }

  @Override
  public boolean awaitSignal(long timeoutNanos) throws InterruptedException {
    return mine.await(timeoutNanos);
  }

  @Override
  public void wakeup() {
    mine.ring();
  }

  @Override
  public void close() {
    // Java memory: nothing to release; the engine no longer touches the rings.
  }
}
