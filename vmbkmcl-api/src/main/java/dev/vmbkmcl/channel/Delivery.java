package dev.vmbkmcl.channel;

import dev.vmbkmcl.VMBPACKETCOMPLETION;
import java.nio.ByteBuffer;

/**
 * The engine's {@code VMBPACKETCOMPLETION}: one incoming packet from its delivery to its completion.
 * The payload is copied out of the ring into this object, so the driver may complete it later while
 * the ring moves on. Pooled per channel; buffers grow to the largest packet seen, then stay.
 */
final class Delivery extends VMBPACKETCOMPLETION {
  enum Phase { FREE, DELIVERING, OUTSTANDING, COMPLETING }

  final EngineChannel channel;
  final ByteBuffer clientContext;
  ByteBuffer payload = ByteBuffer.allocate(256);
  int payloadLength;
  /** The GPA-direct or transfer-page header of the packet, when it carried one. */
  ByteBuffer typeHeader = ByteBuffer.allocate(0);
  int typeHeaderLength;
  int packetType;
  int processFlags;
  long transactionId;
  boolean completionRequested;
  Phase phase = Phase.FREE;
  boolean deferRequested;
  boolean redelivery;
  /** The completion packet's payload while it waits in the send queue. */
  ByteBuffer completionPayload = ByteBuffer.allocate(0);
  int completionLength;

  Delivery(EngineChannel channel) {
    super(channel.backend);
    this.channel = channel;
    this.clientContext = ByteBuffer.allocate(channel.settings.clientContextSize);
  }

  void load(ByteBuffer source, int offset, int length) {
    if (payload.capacity() < length) {
      payload = ByteBuffer.allocate(Math.max(length, payload.capacity() * 2));
    }
    payload.clear();
    payload.put(0, source, offset, length);
    payload.limit(length);
    payloadLength = length;
  }

  void loadTypeHeader(ByteBuffer source, int offset, int length) {
    if (typeHeader.capacity() < length) {
      typeHeader = ByteBuffer.allocate(length);
    }
    typeHeader.clear();
    typeHeader.put(0, source, offset, length);
    typeHeader.limit(length);
    typeHeaderLength = length;
  }

  void holdCompletion(ByteBuffer source, int length) {
    if (completionPayload.capacity() < length) {
      completionPayload = ByteBuffer.allocate(length);
    }
    completionPayload.clear();
    completionPayload.put(0, source, source.position(), length);
    completionPayload.limit(length);
    completionLength = length;
  }

  @Override
  public String toString() {
    return "VMBPACKETCOMPLETION(type " + packetType + ", " + payloadLength + " bytes, " + phase + ")";
  }
}
