package dev.vmbkmcl.jfr;

import dev.vmbkmcl.observe.ChannelObserver;
import java.nio.ByteBuffer;

/**
 * The JFR events of one channel: a {@link ChannelObserver} that commits a {@code
 * dev.vmbkmcl.*} event for every packet, doorbell, ring-full wait and state change while a
 * recording wants it, and does nothing else.
 */
public final class JfrObserver implements ChannelObserver {
  private final String channel;
  private final String side;

  /**
   * The events of one channel.
   *
   * @param channel the name events carry (the instance GUID)
   * @param side {@code guest} or {@code host}
   */
  public JfrObserver(String channel, String side) {
    this.channel = channel;
    this.side = side;
  }

  @Override
  public void packetSent(
      ByteBuffer ringData, int offset, int length, long writeIndexBefore, long writeIndexAfter) {
    if (RecordingSwitch.running()) {
      // The descriptor may wrap: read its fields byte by byte from the ring.
      int cap = ringData.capacity();
      int type = (ringData.get(offset) & 0xFF) | (ringData.get((offset + 1) % cap) & 0xFF) << 8;
      long tx = 0;
      for (int i = 15; i >= 8; i--) {
        tx = tx << 8 | (ringData.get((offset + i) % cap) & 0xFF);
      }
      packet("out", type, tx, length);
    }
  }

  @Override
  public void packetReceived(ByteBuffer packet, long readIndexBefore, long readIndexAfter) {
    if (RecordingSwitch.running() && packet.remaining() >= 16) {
      int at = packet.position();
      int type = (packet.get(at) & 0xFF) | (packet.get(at + 1) & 0xFF) << 8;
      long tx = 0;
      for (int i = 15; i >= 8; i--) {
        tx = tx << 8 | (packet.get(at + i) & 0xFF);
      }
      packet("in", type, tx, packet.remaining());
    }
  }

  private void packet(String direction, int type, long tx, int bytes) {
    PacketEvent e = new PacketEvent();
    if (e.shouldCommit()) {
      e.channel = channel;
      e.side = side;
      e.direction = direction;
      e.packetType = type;
      e.transactionId = tx;
      e.bytes = bytes;
      e.commit();
    }
  }

  @Override
  public void signalSent() {
    if (RecordingSwitch.running()) {
      signal("out");
    }
  }

  @Override
  public void signalReceived() {
    if (RecordingSwitch.running()) {
      signal("in");
    }
  }

  private void signal(String direction) {
    SignalEvent e = new SignalEvent();
    if (e.shouldCommit()) {
      e.channel = channel;
      e.side = side;
      e.direction = direction;
      e.commit();
    }
  }

  @Override
  public void ringFullWaited(long waitedNanos) {
    if (RecordingSwitch.running()) {
      RingFullEvent e = new RingFullEvent();
      if (e.shouldCommit()) {
        e.channel = channel;
        e.side = side;
        e.waited = waitedNanos;
        e.commit();
      }
    }
  }

  @Override
  public void stateChanged(String event, String detail) {
    if (!RecordingSwitch.running()) {
      return;
    }
    StateEvent e = new StateEvent();
    if (e.shouldCommit()) {
      e.channel = channel;
      e.side = side;
      e.event = event;
      e.detail = detail;
      e.commit();
    }
    if (event.equals("POISONED")) {
      PoisonEvent p = new PoisonEvent();
      if (p.shouldCommit()) {
        p.channel = channel;
        p.side = side;
        p.reason = detail;
        p.commit();
      }
    }
  }
}
