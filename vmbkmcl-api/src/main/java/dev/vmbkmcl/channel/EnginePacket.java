package dev.vmbkmcl.channel;

import dev.vmbkmcl.EVT_VMB_PACKET_COMPLETION_ROUTINE;
import dev.vmbkmcl.EVT_VMB_PACKET_COMPLETION_ROUTINE_EX;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBPACKET;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The engine's {@code VMBPACKET}: one outgoing transaction object. Storage for a queued copy of the
 * payload and the inline context are reserved when the packet is made, so a later send never fails
 * for lack of memory (kmcl-api.md §1.5).
 */
final class EnginePacket extends VMBPACKET implements QueuedSend {
  enum Origin { ALLOCATED, INITIALIZED }

  enum Phase { IDLE, QUEUED, IN_FLIGHT, FREED }

  final EngineChannel channel;
  final Origin origin;
  final ByteBuffer inlineContext;
  /** Holds the packet as it will go on the ring while it waits in the send queue. */
  final ByteBuffer queuedPayload;
  final ByteBuffer queuedHeader;
  @Nullable EVT_VMB_PACKET_COMPLETION_ROUTINE routine;
  @Nullable EVT_VMB_PACKET_COMPLETION_ROUTINE_EX routineEx;
  @Nullable Object routineContext;
  boolean routineSet;
  @Nullable Object pointer;
  Phase phase = Phase.IDLE;
  // Fields of the pending send, valid while QUEUED or IN_FLIGHT.
  int type;
  int ringFlags;
  long transactionId;
  /** When it was queued for want of ring room (System.nanoTime), 0 when not. */
  long queuedAtNanos;
  @Nullable SyncRequest sync;

  EnginePacket(EngineChannel channel, Origin origin) {
    super(channel.backend);
    this.channel = channel;
    this.origin = origin;
    this.inlineContext = ByteBuffer.allocate(channel.settings.inlinePacketContextSize);
    this.queuedPayload = ByteBuffer.allocate(channel.settings.maximumPacketSize + PipeHeader.SIZE);
    this.queuedHeader = ByteBuffer.allocate(channel.maxTypeHeaderBytes());
  }

  /** Runs the completion routine; the default routine of an allocated packet frees it. */
  void complete(NtStatus status, @Nullable ByteBuffer buffer, int length) {
    phase = Phase.IDLE;
    EVT_VMB_PACKET_COMPLETION_ROUTINE_EX ex = routineEx;
    EVT_VMB_PACKET_COMPLETION_ROUTINE plain = routine;
    if (ex != null) {
      ex.EvtVmbPacketCompletionRoutineEx(this, routineContext, status, buffer, length);
    } else if (plain != null) {
      plain.EvtVmbPacketCompletionRoutine(this, status, buffer, length);
    } else if (origin == Origin.ALLOCATED) {
      phase = Phase.FREED;
      channel.packetRetiredByDefaultRoutine(this);
    }
  }

  @Override
  public String toString() {
    return "VMBPACKET(" + origin + ", " + phase + " on " + channel + ")";
  }
}
