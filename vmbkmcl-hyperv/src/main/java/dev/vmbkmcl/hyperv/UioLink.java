package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.spi.ChannelLink;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The primary channel of a uio-bound device as the engine sees it: the kernel-made ring pair of map 0
 * (guest TX first, guest RX second), {@code write(fd, 1)} as the host doorbell and the uio interrupt
 * count as ours (reference §4.3, §4.8). A read that fails with EIO or POLLERR means the host rescinded
 * the channel: the engine hears {@link EngineChannel#linkDown(boolean)} once.
 */
final class UioLink implements ChannelLink {
  private final UioDevice device;
  private final EngineChannel channel;
  private final ByteBuffer outgoing;
  private final ByteBuffer incoming;
  private final AtomicBoolean down = new AtomicBoolean();

  UioLink(UioDevice device, EngineChannel channel) {
    this.device = device;
    this.channel = channel;
    this.outgoing = device.outgoingRing();
    this.incoming = device.incomingRing();
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
    try {
      device.signalHost();
    } catch (HypervException e) {
      rescinded();
    }
  }

  @Override
  public void awaitSignal(long timeoutNanos) throws InterruptedException {
    int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutNanos / 1_000_000L));
    int outcome;
    try {
      outcome = device.awaitInterrupt(millis);
    } catch (HypervException e) {
      outcome = UioDevice.RESCINDED;
    }
    if (outcome == UioDevice.RESCINDED) {
      rescinded();
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  private void rescinded() {
    if (down.compareAndSet(false, true)) {
      channel.linkDown(true);
    }
  }

  @Override
  public void wakeup() {
    device.wakeup();
  }

  @Override
  public void close() {
    device.close();
  }
}
