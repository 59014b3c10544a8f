package dev.vmbkmcl.observe;

import java.nio.ByteBuffer;

/** Two observers told in turn (the capture and the JFR events on one channel). */
final class ObserverPair implements ChannelObserver {
  private final ChannelObserver first;
  private final ChannelObserver second;

  ObserverPair(ChannelObserver first, ChannelObserver second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public void packetSent(
      ByteBuffer ringData, int offset, int length, long writeIndexBefore, long writeIndexAfter) {
    first.packetSent(ringData, offset, length, writeIndexBefore, writeIndexAfter);
    second.packetSent(ringData, offset, length, writeIndexBefore, writeIndexAfter);
  }

  @Override
  public void packetReceived(ByteBuffer packet, long readIndexBefore, long readIndexAfter) {
    first.packetReceived(packet, readIndexBefore, readIndexAfter);
    second.packetReceived(packet, readIndexBefore, readIndexAfter);
  }

  @Override
  public void signalSent() {
    first.signalSent();
    second.signalSent();
  }

  @Override
  public void ringFullWaited(long waitedNanos) {
    first.ringFullWaited(waitedNanos);
    second.ringFullWaited(waitedNanos);
  }

  @Override
  public void signalReceived() {
    first.signalReceived();
    second.signalReceived();
  }

  @Override
  public void stateChanged(String event, String detail) {
    first.stateChanged(event, detail);
    second.stateChanged(event, detail);
  }
}
