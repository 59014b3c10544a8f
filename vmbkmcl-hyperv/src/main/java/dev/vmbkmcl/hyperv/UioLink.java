package dev.vmbkmcl.hyperv;

import dev.vmbkmcl.channel.ChannelConnection;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.spi.ChannelLink;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One channel of a uio-bound device as the engine sees it (reference §4.3, §4.5, §4.8): its
 * kernel-made ring pair (map 0 for the primary, {@code channels/<relid>/ring} for a sub-channel),
 * the uio write (after the channel's own monitor bit, when it has one) as the host doorbell, and a
 * {@link ChannelDoorbell} that the device's {@link InterruptDispatcher} rings on every interrupt.
 * A rescind or a failed write means the host took the device away: the engine hears {@link
 * ChannelConnection#down(boolean)} once.
 */
final class UioLink implements ChannelLink, InterruptDispatcher.Listener {
  private final DeviceSession session;
  private final ChannelConnection connection;
  private final EngineChannel channel;
  private final ChannelRings rings;
  private final boolean primary;
  private final @Nullable MonitorTrigger subchannelMonitor;
  private final ChannelDoorbell doorbell;
  private final ByteBuffer outgoing;
  private final ByteBuffer incoming;
  private final AtomicBoolean down = new AtomicBoolean();

  /**
   * @param subchannelMonitor for a sub-channel, its own monitor bit or null; ignored for the
   *     primary, whose bit the device sets itself
   */
  UioLink(DeviceSession session, ChannelConnection connection, ChannelRings rings, boolean primary,
      @Nullable MonitorTrigger subchannelMonitor, ChannelDoorbell doorbell) {
    this.session = session;
    this.connection = connection;
    this.channel = connection.channel();
    this.rings = rings;
    this.primary = primary;
    this.subchannelMonitor = subchannelMonitor;
    this.doorbell = doorbell;
    this.outgoing = rings.outgoingRing();
    this.incoming = rings.incomingRing();
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
  public int ringHeaderSize() {
    return rings.headerSize();
  }

  /** The relid of this link's channel. */
  int relid() {
    return rings.relid();
  }

  /** Whether this channel polls its ring because its interrupts may stay masked. */
  boolean polls() {
    return doorbell.polls();
  }

  @Override
  public void signalPeer() {
    try {
      if (primary) {
        session.device().signalHost();
      } else {
        session.device().signalHost(subchannelMonitor);
      }
    } catch (HypervException e) {
      rescinded();
    }
  }

  @Override
  public boolean awaitSignal(long timeoutNanos) throws InterruptedException {
    return doorbell.await(timeoutNanos);
  }

  @Override
  public void interrupted() {
    doorbell.ring();
  }

  @Override
  public void rescinded() {
    if (down.compareAndSet(false, true)) {
      doorbell.ring();
      connection.down(true);
    }
  }

  @Override
  public void wakeup() {
    doorbell.ring();
  }

  @Override
  public void close() {
    session.dispatcher().remove(this);
    session.release(channel);
  }
}
