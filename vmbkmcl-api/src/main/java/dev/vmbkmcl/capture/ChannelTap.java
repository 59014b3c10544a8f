package dev.vmbkmcl.capture;

import dev.vmbkmcl.observe.ChannelObserver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The tap on one channel: a {@link ChannelObserver} that writes each packet (both directions,
 * with the ring indices), doorbell, ring-full wait and state change as one {@link TapRecord} of
 * its own interface in a {@link PcapngWriter}. Thread-safe through the writer's lock.
 */
public final class ChannelTap implements ChannelObserver {
  private final PcapngWriter writer;
  private final int iface;

  /**
   * Adds an interface for one channel to {@code writer}.
   *
   * @param writer the capture file
   * @param classId the channel's class GUID, or null when unknown
   * @param instanceId the channel's instance GUID, or null when unknown
   * @param server true when the tapped side is the host (a server channel)
   */
  public ChannelTap(PcapngWriter writer, @Nullable UUID classId, @Nullable UUID instanceId,
      boolean server) {
    this.writer = writer;
    this.iface = writer.addInterface("vmbus/" + instanceId, description(classId, instanceId, server));
  }

  /**
   * The interface description a tap writes: {@code class=GUID instance=GUID side=guest|host}.
   *
   * @param classId the class GUID, or null
   * @param instanceId the instance GUID, or null
   * @param server true for the host side
   * @return the description
   */
  public static String description(@Nullable UUID classId, @Nullable UUID instanceId,
      boolean server) {
    return "class=" + classId + " instance=" + instanceId + " side=" + (server ? "host" : "guest");
  }

  /** The interface id of this channel in the file. */
  public int interfaceId() {
    return iface;
  }

  @Override
  public void packetSent(
      ByteBuffer ringData, int offset, int length, long writeIndexBefore, long writeIndexAfter) {
    writer.record(iface, TapRecord.OUTBOUND, TapRecord.KIND_PACKET, writeIndexBefore,
        writeIndexAfter, ringData, offset, length);
  }

  @Override
  public void packetReceived(ByteBuffer packet, long readIndexBefore, long readIndexAfter) {
    writer.record(iface, TapRecord.INBOUND, TapRecord.KIND_PACKET, readIndexBefore,
        readIndexAfter, packet, packet.position(), packet.remaining());
  }

  @Override
  public void signalSent() {
    writer.record(iface, TapRecord.OUTBOUND, TapRecord.KIND_SIGNAL, 0, 0, null, 0, 0);
  }

  @Override
  public void signalReceived() {
    writer.record(iface, TapRecord.INBOUND, TapRecord.KIND_SIGNAL, 0, 0, null, 0, 0);
  }

  @Override
  public void ringFullWaited(long waitedNanos) {
    writer.record(iface, 0, TapRecord.KIND_RING_FULL, waitedNanos, 0, null, 0, 0);
  }

  @Override
  public void stateChanged(String event, String detail) {
    byte[] e = event.getBytes(StandardCharsets.US_ASCII);
    byte[] d = detail.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(e.length + 1 + d.length, 4096);
    ByteBuffer body = ByteBuffer.allocate(e.length + 1 + d.length).put(e).put((byte) 0).put(d);
    writer.record(iface, 0, TapRecord.KIND_STATE, 0, 0, body, 0, n);
    writer.flush();
  }
}
