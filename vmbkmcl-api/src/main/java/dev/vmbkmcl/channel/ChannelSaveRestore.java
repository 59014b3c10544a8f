package dev.vmbkmcl.channel;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One server channel's save and restore (kmcl-api.md §1.7): {@code VmbChannelSaveBegin / Continue /
 * End}, {@code VmbChannelRestoreFromBuffer} and {@code VmbPacketRestore}, over the chunk format of
 * {@link SaveState}. {@link EngineChannel} delegates to it and reads {@link #isSaved} when it closes.
 *
 * <p>Locking: save and restore run under the monitor of the {@link EngineChannel} itself, the one its
 * {@code synchronized} methods held before this class was split out of it, so the four calls stay
 * serialized against each other exactly as before, and a driver that synchronizes on its {@code
 * VMBCHANNEL} keeps excluding them. They do not take the transition lock: a save runs while the
 * channel is open and its packets are in flight (the snapshot is {@link Outbound}'s, taken under its
 * own lock), and a restore runs into a Disabled channel, before Enable.
 */
final class ChannelSaveRestore {
  private final EngineChannel channel;
  /** Guarded by {@link #channel}'s monitor. */
  private @Nullable List<EnginePacket> snapshot;
  /** Guarded by {@link #channel}'s monitor. */
  private @Nullable SaveState saveState;
  private volatile boolean saved;
  /** Guarded by {@link #channel}'s monitor. */
  private boolean restoring;
  /** Guarded by {@link #channel}'s monitor. */
  private boolean restoreDone;

  ChannelSaveRestore(EngineChannel channel) {
    this.channel = channel;
  }

  /** True after a complete save (every chunk went out) until {@link #forgetSave}. */
  boolean isSaved() {
    return saved;
  }

  /** Enable: the channel starts afresh, its packets are its own again. */
  void forgetSave() {
    saved = false;
  }

  /** {@code VmbChannelSaveBegin}: snapshots the packets in flight. */
  NtStatus saveBegin() {
    synchronized (channel) {
      if (snapshot != null || saveState != null) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE;
      }
      snapshot = channel.outbound.packetsInUse();
      return NtStatus.STATUS_SUCCESS;
    }
  }

  /** {@code VmbChannelSaveContinue}: the first call runs the packet callbacks; then whole chunks. */
  NtStatus saveContinue(ByteBuffer buffer, int size, UInt32Ref filled, UInt32Ref required) {
    synchronized (channel) {
      List<EnginePacket> packets = snapshot;
      SaveState st = saveState;
      if (st == null) {
        if (packets == null) {
          return NtStatus.STATUS_INVALID_DEVICE_STATE; // no VmbChannelSaveBegin
        }
        try {
          st = SaveState.capture(channel, packets, this::savePacket);
        } catch (SaveFailedException e) {
          filled.set(0);
          return e.status;
        }
        saveState = st;
      }
      NtStatus status = st.writeTo(buffer, size, filled, required);
      if (status.equals(NtStatus.STATUS_SUCCESS)) {
        saved = true;
      }
      return status;
    }
  }

  /** {@code VmbChannelSaveEnd}: drops the snapshot and the chunks. */
  void saveEnd() {
    synchronized (channel) {
      snapshot = null;
      saveState = null;
    }
  }

  /** Thrown out of a save callback run that failed, carrying the driver's status. */
  private static final class SaveFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient NtStatus status;

    SaveFailedException(NtStatus status) {
      super(status.toString(), null, false, false);
      this.status = status;
    }
  }

  /** §3.3: first call with SaveBufSize 0; a driver with state fails it and names the size. */
  private byte[] savePacket(EnginePacket p) {
    SaveRestoreCallbacks cb = channel.saveRestore;
    if (cb == null) {
      return new byte[0];
    }
    UInt32Ref needed = new UInt32Ref();
    NtStatus first = callSave(cb, p, ByteBuffer.allocate(0), 0, needed);
    if (first.isSuccess()) {
      return new byte[0];
    }
    int size = needed.get();
    if (size <= 0) {
      throw new SaveFailedException(first);
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    NtStatus second = callSave(cb, p, buf, size, new UInt32Ref());
    if (!second.isSuccess()) {
      throw new SaveFailedException(second);
    }
    return buf.array();
  }

  private NtStatus callSave(SaveRestoreCallbacks cb, EnginePacket p, ByteBuffer buf, int size,
      UInt32Ref needed) {
    var ex = cb.saveEx();
    var plain = cb.save();
    if (ex != null) {
      return ex.EvtVmbChannelSavePacketEx(channel, cb.context(), p, buf, size, needed);
    }
    return plain == null ? NtStatus.STATUS_SUCCESS
        : plain.EvtVmbChannelSavePacket(channel, p, buf, size, needed);
  }

  /**
   * {@code VmbChannelRestoreFromBuffer}: whole chunks in order; MORE_PROCESSING_REQUIRED until the
   * end chunk arrived. A malformed chunk is STATUS_INVALID_PARAMETER_2 and nothing of it is restored.
   */
  NtStatus restoreFromBuffer(ByteBuffer buffer, int size) {
    synchronized (channel) {
      if (!channel.isDisabled()) {
        return NtStatus.STATUS_INVALID_DEVICE_STATE; // restore into a channel before it is enabled
      }
      ByteBuffer b = buffer.slice(buffer.position(), size).order(ByteOrder.LITTLE_ENDIAN);
      int at = 0;
      while (at < size) {
        if (size - at < SaveState.CHUNK_HEADER || b.getInt(at) != SaveState.MAGIC) {
          return NtStatus.STATUS_INVALID_PARAMETER_2;
        }
        int kind = b.getInt(at + 4);
        int length = b.getInt(at + 8);
        if (length < SaveState.CHUNK_HEADER || length > size - at) {
          return NtStatus.STATUS_INVALID_PARAMETER_2;
        }
        NtStatus status = restoreChunk(kind, b.slice(at + SaveState.CHUNK_HEADER,
            length - SaveState.CHUNK_HEADER).order(ByteOrder.LITTLE_ENDIAN));
        if (!status.isSuccess()) {
          return status;
        }
        at += length;
      }
      return restoreDone ? NtStatus.STATUS_SUCCESS : NtStatus.STATUS_MORE_PROCESSING_REQUIRED;
    }
  }

  private NtStatus restoreChunk(int kind, ByteBuffer body) {
    if (kind == SaveState.KIND_HEADER) {
      restoring = true;
      restoreDone = false;
      return NtStatus.STATUS_SUCCESS;
    }
    if (kind == SaveState.KIND_END) {
      restoring = false;
      restoreDone = true;
      return NtStatus.STATUS_SUCCESS;
    }
    if (kind != SaveState.KIND_PACKET || !restoring || body.limit() < SaveState.LIB_FIXED) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    long libLength = (long) SaveState.LIB_FIXED + Integer.toUnsignedLong(body.getInt(16))
        + Integer.toUnsignedLong(body.getInt(20));
    if (libLength + 4 > body.limit()) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    int lib = (int) libLength;
    long stateLength = Integer.toUnsignedLong(body.getInt(lib));
    if (lib + 4 + stateLength != body.limit()) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    ByteBuffer libBuf = body.slice(0, lib);
    ByteBuffer saveBuf = body.slice(lib + 4, (int) stateLength);
    SaveRestoreCallbacks cb = channel.saveRestore;
    if (cb == null) {
      return NtStatus.STATUS_INVALID_DEVICE_STATE; // nobody to hand the packet to
    }
    var ex = cb.restoreEx();
    var plain = cb.restore();
    if (ex != null) {
      return ex.EvtVmbChannelRestorePacketEx(channel, cb.context(), libBuf, lib, saveBuf,
          (int) stateLength);
    }
    return plain == null ? NtStatus.STATUS_INVALID_DEVICE_STATE
        : plain.EvtVmbChannelRestorePacket(channel, libBuf, lib, saveBuf, (int) stateLength);
  }

  /** {@code VmbPacketRestore}: a fresh packet takes the saved in-flight state in {@code lib}. */
  NtStatus packetRestore(EnginePacket p, ByteBuffer lib, int size) {
    ByteBuffer b = lib.slice(lib.position(), size).order(ByteOrder.LITTLE_ENDIAN);
    if (size < SaveState.LIB_FIXED) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    int payload = b.getInt(16);
    int header = b.getInt(20);
    if (payload < 0 || header < 0 || (long) SaveState.LIB_FIXED + payload + header != size
        || payload > p.queuedPayload.capacity() || header > p.queuedHeader.capacity()) {
      return NtStatus.STATUS_INVALID_PARAMETER_2;
    }
    if (p.phase != EnginePacket.Phase.IDLE) {
      return NtStatus.STATUS_INVALID_PARAMETER_1;
    }
    p.transactionId = b.getLong(0);
    p.type = Short.toUnsignedInt(b.getShort(8));
    p.ringFlags = Short.toUnsignedInt(b.getShort(10));
    boolean queued = b.getInt(12) != 0;
    p.queuedPayload.clear();
    p.queuedPayload.put(0, b, SaveState.LIB_FIXED, payload).limit(payload);
    p.queuedHeader.clear();
    p.queuedHeader.put(0, b, SaveState.LIB_FIXED + payload, header).limit(header);
    return channel.outbound.restore(p, queued) ? NtStatus.STATUS_SUCCESS
        : NtStatus.STATUS_INVALID_PARAMETER_2;
  }
}
