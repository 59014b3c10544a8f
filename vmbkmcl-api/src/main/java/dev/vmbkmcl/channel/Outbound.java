package dev.vmbkmcl.channel;

import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.ring.RingWriter;
import dev.vmbkmcl.spi.ChannelLink;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * The send side of a channel: the ring writer, the send queue for packets that do not fit yet, the
 * transaction table, and synchronous requests. Everything that touches the writer holds {@link
 * #lock}; a packet is written straight from the caller's buffer when the ring has room and nothing is
 * queued, and copied into its own reserved storage only when it has to wait (kmcl-api.md §1.5 step 3).
 */
// held and queued change only under the lock; volatile so the delivery thread reads them without it.
@SuppressWarnings("NonAtomicVolatileUpdate")
final class Outbound {
  private static final int WAIT_FOR_COMPLETION = 0x1;
  /** How often a sender re-reads the peer's read_index of a full ring before it queues. */
  private static final int FULL_RING_RETRIES = 64;

  private final EngineChannel channel;
  /**
   * Guards the writer, the send queue and the transaction table. A monitor rather than a
   * ReentrantLock: the delivery thread takes it for every completion and flush while senders hold
   * it, and a contended ReentrantLock allocates a queue node per wait.
   */
  private final Object lock = new Object();
  private final ArrayDeque<QueuedSend> queue = new ArrayDeque<>();
  private final TransactionTable transactions;
  /** Idle synchronous requests; guarded by its own monitor (an ArrayDeque does not allocate). */
  private final ArrayDeque<SyncRequest> idleSync = new ArrayDeque<>();
  private @Nullable RingWriter writer;
  private @Nullable ByteBuffer ringData;
  /** Entries of {@link #queue}; read without the lock to skip an empty flush. */
  private volatile int queued;
  /** Deliveries in {@link #queue} whose completion waits for room (back-pressure counts them). */
  private volatile int held;
  private @Nullable ChannelLink link;
  private boolean sendAllowed;
  private volatile @Nullable String corruption;
  private volatile @Nullable NtStatus waiterFailure;
  private final ByteBuffer pipeScratch;

  Outbound(EngineChannel channel) {
    this.channel = channel;
    this.transactions = new TransactionTable(Math.min(channel.settings.maximumPacketCount, 1024));
    this.pipeScratch = ByteBuffer.allocate(PipeHeader.SIZE + PipeHeader.MAX_PAYLOAD)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
  }

  void reset() {
    synchronized (lock) {
      corruption = null;
      waiterFailure = null;
      sendAllowed = false;
    }
  }

  void attach(ChannelLink newLink) {
    synchronized (lock) {
      link = newLink;
      waiterFailure = null;
      RingWriter w = new RingWriter(Ring.wrap(newLink.outgoingRing(), newLink.ringHeaderSize()));
      writer = w;
      ringData = w.dataArea();
    }
  }

  /** After {@code EvtChannelOpened} succeeded: packets queued before it go out now. */
  void opened() {
    synchronized (lock) {
      sendAllowed = true;
      flushLocked();
    }
  }

  void detach() {
    synchronized (lock) {
      sendAllowed = false;
      writer = null;
      ringData = null;
      link = null;
    }
  }

  /** Completions waiting in the send queue for room in the outgoing ring. */
  int heldCompletions() {
    return held;
  }

  @Nullable String corruption() {
    return corruption;
  }

  // ---- sending ------------------------------------------------------------------------------

  /**
   * Sends {@code packet}: type-specific header {@code header} (may be null) and {@code payload}
   * bytes [position, position + length). Returns the status {@code VmbPacketSend*} reports.
   */
  NtStatus send(EnginePacket packet, int type, @Nullable ByteBuffer header, ByteBuffer payload,
      int length, int formatFlags) {
    boolean wait = (formatFlags & WAIT_FOR_COMPLETION) != 0;
    if (packet.phase != EnginePacket.Phase.IDLE) {
      throw new IllegalStateException("VmbPacketSend: " + packet + " is already in flight");
    }
    ByteBuffer body = payload;
    int bodyOffset = payload.position();
    int bodyLength = length;
    if (channel.settings.isPipe()) {
      if (wait || header != null) {
        return NtStatus.STATUS_INVALID_PARAMETER;
      }
      if (length > PipeHeader.MAX_PAYLOAD) {
        return NtStatus.STATUS_INVALID_PARAMETER_3;
      }
    }
    if (length > channel.settings.maximumPacketSize) {
      return NtStatus.STATUS_INVALID_PARAMETER_3;
    }
    synchronized (lock) {
      if (corruption != null) {
        return NtStatus.STATUS_DATA_ERROR;
      }
      if (channel.settings.isPipe()) {
        body = framePipe(payload, length);
        bodyOffset = 0;
        bodyLength = length + PipeHeader.SIZE;
      }
      packet.type = type;
      packet.ringFlags = wait ? PacketLayout.FLAG_COMPLETION_REQUESTED : 0;
      packet.transactionId = wait ? transactions.register(packet) : 0;
      packet.phase = EnginePacket.Phase.QUEUED;
      NtStatus status = writeOrQueue(packet, header, body, bodyOffset, bodyLength, false);
      if (!status.equals(NtStatus.STATUS_SUCCESS)) {
        if (wait) {
          transactions.remove(packet.transactionId);
        }
        packet.phase = EnginePacket.Phase.IDLE;
      }
      return status;
    }
  }

  /** Pipe mode: the data behind its {@code {u32 type; u32 len}} header, in the scratch buffer. */
  private ByteBuffer framePipe(ByteBuffer payload, int length) {
    pipeScratch.putInt(0, PipeHeader.TYPE_DATA).putInt(4, length);
    pipeScratch.put(PipeHeader.SIZE, payload, payload.position(), length);
    return pipeScratch;
  }

  /**
   * Writes now when possible, else copies into the packet's storage and queues it. With {@code
   * mustFitNow}, a packet that does not fit is refused with {@code STATUS_BUFFER_OVERFLOW} instead.
   */
  private NtStatus writeOrQueue(EnginePacket packet, @Nullable ByteBuffer header, ByteBuffer body,
      int bodyOffset, int bodyLength, boolean mustFitNow) {
    RingWriter w = writer;
    if (w != null && sendAllowed && queue.isEmpty()) {
      int rc = writePacket(w, packet, header, body, bodyOffset, bodyLength);
      if (rc == RingWriter.FULL) {
        rc = retryFull(w, packet, header, body, bodyOffset, bodyLength);
      }
      if (rc == RingWriter.WRITTEN || rc == RingWriter.WRITTEN_SIGNAL) {
        written(packet, rc);
        return NtStatus.STATUS_SUCCESS;
      }
      if (rc == RingWriter.TOO_LARGE) {
        return NtStatus.STATUS_INVALID_PARAMETER_3;
      }
      if (rc == RingWriter.CORRUPT) {
        // This packet was refused, not accepted: it leaves the table before the poison retires
        // what was accepted, so its caller alone owns it (a refused send never completes).
        if (packet.ringFlags != 0) {
          transactions.remove(packet.transactionId);
        }
        packet.phase = EnginePacket.Phase.IDLE;
        channel.poison(PoisonReasons.BAD_READ_INDEX, w.corruption());
        return NtStatus.STATUS_DATA_ERROR;
      }
    }
    if (mustFitNow) {
      return NtStatus.STATUS_BUFFER_OVERFLOW;
    }
    packet.queuedPayload.clear();
    packet.queuedPayload.put(0, body, bodyOffset, bodyLength).limit(bodyLength);
    if (header != null) {
      int hl = header.remaining();
      packet.queuedHeader.clear();
      packet.queuedHeader.put(0, header, header.position(), hl).limit(hl);
    } else {
      packet.queuedHeader.clear().limit(0);
    }
    packet.queuedAtNanos = System.nanoTime();
    enqueue(packet);
    if (w != null && sendAllowed) {
      flushLocked();
    }
    return NtStatus.STATUS_SUCCESS;
  }

  private void enqueue(QueuedSend entry) {
    queue.addLast(entry);
    queued = queue.size();
  }

  private @Nullable QueuedSend dequeue() {
    QueuedSend head = queue.pollFirst();
    queued = queue.size();
    return head;
  }

  /**
   * A full ring is retried briefly (the peer may be reading right now) before the packet queues:
   * a spin of a few re-reads of read_index, with the lock held, so ring order stays the send order.
   */
  private int retryFull(RingWriter w, EnginePacket packet, @Nullable ByteBuffer header,
      ByteBuffer body, int bodyOffset, int bodyLength) {
    long start = System.nanoTime();
    int rc = RingWriter.FULL;
    for (int i = 0; i < FULL_RING_RETRIES && rc == RingWriter.FULL; i++) {
      Thread.onSpinWait();
      rc = writePacket(w, packet, header, body, bodyOffset, bodyLength);
    }
    channel.observer.ringFullWaited(System.nanoTime() - start);
    return rc;
  }

  private int writePacket(RingWriter w, EnginePacket packet, @Nullable ByteBuffer header,
      ByteBuffer body, int bodyOffset, int bodyLength) {
    // By range, not through a view: the caller's buffer may be shared by several senders.
    int before = w.writeIndex();
    int rc = w.write(packet.type, packet.ringFlags, packet.transactionId, header, body, bodyOffset,
        bodyLength);
    if (rc == RingWriter.WRITTEN || rc == RingWriter.WRITTEN_SIGNAL) {
      observeSent(w, before);
    }
    return rc;
  }

  /** The observer's {@code packetSent} for the packet just written at {@code before}. */
  private void observeSent(RingWriter w, int before) {
    ByteBuffer data = ringData;
    if (data != null) {
      int after = w.writeIndex();
      int span = after >= before ? after - before : after + data.capacity() - before;
      channel.observer.packetSent(data, before, span - PacketLayout.TRAILER_SIZE, before, after);
    }
  }

  private int writeCompletion(RingWriter w, long transactionId, @Nullable ByteBuffer payload,
      int offset, int length) {
    int before = w.writeIndex();
    int rc = w.write(PacketLayout.TYPE_COMPLETION, 0, transactionId, null, payload, offset, length);
    if (rc == RingWriter.WRITTEN || rc == RingWriter.WRITTEN_SIGNAL) {
      observeSent(w, before);
    }
    return rc;
  }

  private void written(EnginePacket packet, int rc) {
    if (rc == RingWriter.WRITTEN_SIGNAL) {
      signal();
    }
    if (packet.ringFlags == 0) {
      // Without WAIT_FOR_COMPLETION the transaction retires once the packet is in the ring.
      packet.complete(NtStatus.STATUS_SUCCESS, null, 0);
    } else {
      packet.phase = EnginePacket.Phase.IN_FLIGHT;
    }
  }

  /** Writes queued packets while they fit. Called with the lock held. */
  void flushLocked() {
    RingWriter w = writer;
    if (w == null || !sendAllowed) {
      return;
    }
    while (!queue.isEmpty()) {
      QueuedSend head = queue.peekFirst();
      int rc;
      int needed;
      if (head instanceof EnginePacket) {
        EnginePacket p = (EnginePacket) head;
        // The queued copies start at 0 and only this lock's holder touches them.
        ByteBuffer hdr = p.queuedHeader.limit() == 0 ? null : p.queuedHeader;
        rc = writePacket(w, p, hdr, p.queuedPayload, 0, p.queuedPayload.limit());
        needed = PacketLayout.ringBytes(p.queuedHeader.limit(), p.queuedPayload.limit());
      } else {
        Delivery d = (Delivery) head;
        rc = writeCompletion(w, d.transactionId, d.completionPayload, 0, d.completionLength);
        needed = PacketLayout.ringBytes(0, d.completionLength);
      }
      if (rc == RingWriter.FULL) {
        if (w.requestSpace(needed)) {
          continue;
        }
        return;
      }
      if (rc == RingWriter.CORRUPT) {
        // The head stays queued, so failAll retires it with everything else.
        channel.poison(PoisonReasons.BAD_READ_INDEX, w.corruption());
        return;
      }
      dequeue();
      if (head instanceof EnginePacket) {
        EnginePacket p = (EnginePacket) head;
        channel.observer.ringFullWaited(System.nanoTime() - p.queuedAtNanos);
        if (rc == RingWriter.TOO_LARGE) {
          retireQueued(p, NtStatus.STATUS_INVALID_PARAMETER_3);
        } else {
          written(p, rc);
        }
      } else {
        Delivery d = (Delivery) head;
        if (rc == RingWriter.WRITTEN_SIGNAL) {
          signal();
        }
        held--;
        channel.inbound.release(d);
      }
    }
    w.clearSpaceRequest();
  }

  private void signal() {
    ChannelLink l = link;
    if (l != null) {
      channel.signalPeer(l);
    }
  }

  /** Called by the delivery thread after the peer signalled: room may have appeared. */
  void flush() {
    synchronized (lock) {
      flushLocked();
    }
  }

  /** {@link #flush()} when something is queued; no monitor when nothing is (between batches). */
  void flushIfQueued() {
    if (queued > 0) {
      flush();
    }
  }

  /**
   * Sends the completion of an incoming packet (type 0x0B echoing its transaction id). When it must
   * wait, the delivery keeps a copy and stays out of the pool until it is written.
   *
   * @return true when the completion went into the ring (or was dropped because the channel closed)
   */
  boolean sendCompletion(Delivery d, @Nullable ByteBuffer buffer, int length) {
    synchronized (lock) {
      RingWriter w = writer;
      if (w == null || !sendAllowed || corruption != null) {
        return true;
      }
      int offset = buffer == null ? 0 : buffer.position();
      if (queue.isEmpty()) {
        int rc = writeCompletion(w, d.transactionId, buffer, offset, length);
        if (rc == RingWriter.WRITTEN_SIGNAL) {
          signal();
        }
        if (rc != RingWriter.FULL) {
          if (rc == RingWriter.CORRUPT) {
            channel.poison(PoisonReasons.BAD_READ_INDEX, w.corruption());
          }
          return true;
        }
      }
      d.holdCompletion(buffer, offset, length);
      held++;
      enqueue(d);
      flushLocked();
      return false;
    }
  }

  // ---- completions from the peer ---------------------------------------------------------------

  /**
   * A completion packet arrived for {@code transactionId}; payload is [offset, offset + length) of
   * {@code payload}, the reader's copy of the packet. Called by the reader role's holder only; an
   * asynchronous completion routine gets that copy itself, positioned at the payload (the reader
   * resets position and limit at its next read, so no view is made per packet).
   */
  void completionArrived(long transactionId, ByteBuffer payload, int offset, int length) {
    EnginePacket p;
    synchronized (lock) {
      p = transactions.remove(transactionId);
      if (p == null) {
        // Unknown, cancelled or forged id: dropped safely (kmcl-api.md §5 item 17).
        return;
      }
    }
    SyncRequest sync = p.sync;
    if (sync != null) {
      sync.finish(NtStatus.STATUS_SUCCESS, payload, offset, length);
      return;
    }
    // Big-endian, as the view of a duplicate was before: the routine sees what it always saw.
    payload.order(java.nio.ByteOrder.BIG_ENDIAN).limit(offset + length).position(offset);
    p.complete(NtStatus.STATUS_SUCCESS, payload, length);
  }

  // ---- synchronous requests ----------------------------------------------------------------

  /**
   * {@code VmbChannelSendSynchronousRequest}. {@code *CompletionBufferSize} holds the bytes copied on
   * success and 0 after any failure, whether the request was refused or its wait failed.
   */
  NtStatus sendSynchronous(ByteBuffer buffer, int size, @Nullable ByteBuffer gpaHeader, int flags,
      @Nullable ByteBuffer completionBuffer, dev.vmbkmcl.@Nullable UInt32Ref completionSize,
      @Nullable LargeInteger timeout) {
    NtStatus status = sendSynchronousRequest(buffer, size, gpaHeader, flags, completionBuffer,
        completionSize, timeout);
    if (!status.equals(NtStatus.STATUS_SUCCESS) && completionSize != null) {
      completionSize.set(0);
    }
    return status;
  }

  private NtStatus sendSynchronousRequest(ByteBuffer buffer, int size,
      @Nullable ByteBuffer gpaHeader, int flags, @Nullable ByteBuffer completionBuffer,
      dev.vmbkmcl.@Nullable UInt32Ref completionSize, @Nullable LargeInteger timeout) {
    var time = channel.backend.time();
    long waitNanos = LargeInteger.waitNanos(timeout, time.currentTimeMillis());
    boolean zeroTimeout = timeout != null && timeout.QuadPart == 0;
    boolean wantsCompletion = !zeroTimeout || (flags & WAIT_FOR_COMPLETION) != 0;
    if (size > channel.settings.maximumPacketSize) {
      return NtStatus.STATUS_INVALID_PARAMETER_3;
    }
    boolean pipe = channel.settings.isPipe();
    if (pipe) {
      // Pipe mode has no transactions and no external memory: only a request that does not wait
      // for a completion can go out, framed like every other pipe packet.
      if (wantsCompletion || gpaHeader != null) {
        return NtStatus.STATUS_INVALID_PARAMETER;
      }
      if (size > PipeHeader.MAX_PAYLOAD) {
        return NtStatus.STATUS_INVALID_PARAMETER_3;
      }
    }
    if (wantsCompletion) {
      channel.refuseOnDeliveryThread("VmbChannelSendSynchronousRequest");
    }
    SyncRequest request = takeIdleSync();
    EnginePacket packet = request.packet;
    request.reset(Thread.currentThread());
    synchronized (lock) {
      NtStatus failure = waiterFailure;
      if (corruption != null) {
        returnIdleSync(request);
        return NtStatus.STATUS_DATA_ERROR;
      }
      if (failure != null) {
        returnIdleSync(request);
        return failure;
      }
      packet.type = gpaHeader == null ? PacketLayout.TYPE_INBAND : PacketLayout.TYPE_GPA_DIRECT;
      packet.ringFlags = wantsCompletion ? PacketLayout.FLAG_COMPLETION_REQUESTED : 0;
      packet.transactionId = wantsCompletion ? transactions.register(packet) : 0;
      packet.phase = EnginePacket.Phase.QUEUED;
      ByteBuffer body = buffer;
      int bodyOffset = buffer.position();
      int bodyLength = size;
      if (pipe) {
        body = framePipe(buffer, size);
        bodyOffset = 0;
        bodyLength = size + PipeHeader.SIZE;
      }
      NtStatus status = writeOrQueue(packet, gpaHeader, body, bodyOffset, bodyLength, zeroTimeout);
      if (!status.equals(NtStatus.STATUS_SUCCESS)) {
        if (wantsCompletion) {
          transactions.remove(packet.transactionId);
        }
        packet.phase = EnginePacket.Phase.IDLE;
        returnIdleSync(request);
        return status;
      }
    }
    if (!wantsCompletion) {
      if (completionSize != null) {
        completionSize.set(0);
      }
      returnIdleSync(request);
      return NtStatus.STATUS_SUCCESS;
    }
    NtStatus outcome = awaitOutcome(request, zeroTimeout ? -1 : waitNanos, time);
    if (outcome.equals(NtStatus.STATUS_SUCCESS) && completionSize != null) {
      int capacity = completionSize.get();
      int copied = completionBuffer == null ? 0 : request.copyResponse(completionBuffer, capacity);
      completionSize.set(copied);
    }
    request.waiter = null;
    returnIdleSync(request);
    return outcome;
  }

  private SyncRequest takeIdleSync() {
    SyncRequest request;
    synchronized (idleSync) {
      request = idleSync.pollLast();
    }
    return request != null
        ? request
        : new SyncRequest(new EnginePacket(channel, EnginePacket.Origin.INITIALIZED));
  }

  private void returnIdleSync(SyncRequest request) {
    synchronized (idleSync) {
      idleSync.addLast(request);
    }
  }

  /**
   * Waits for the request's outcome until the deadline. An interrupt ends the wait like a timeout
   * (STATUS_CANCELLED, the packet is cancelled) and stays set on the thread. First the waiter tries
   * to reap its own completion ({@link Inbound#tryReap}): with the reader role it reads the
   * incoming ring itself until its answer, a packet for the driver (then it leaves the ring to the
   * delivery thread for the rest of this wait), or the deadline. Otherwise, as before: busy-poll
   * spins, backoff spins a little first, park parks until the delivery thread retires the answer.
   */
  private NtStatus awaitOutcome(SyncRequest request, long waitNanos, dev.vmbkmcl.spi.TimeSource time) {
    long deadline = waitNanos < 0 ? Long.MAX_VALUE : time.nanoTime() + waitNanos;
    IdleStrategy idle = channel.idleStrategy();
    int spins = idle == IdleStrategy.BUSY_POLL ? Integer.MAX_VALUE
        : idle == IdleStrategy.BACKOFF ? 2_000 : 0;
    Thread me = Thread.currentThread();
    Inbound inbound = channel.inbound;
    boolean mayReap = true;
    try {
      while (true) {
        NtStatus s = request.status();
        if (s != null) {
          return s;
        }
        if (me.isInterrupted()) {
          break;
        }
        if (mayReap) {
          int rc = inbound.tryReap(request, deadline, time);
          if (rc == Inbound.REAP_DONE) {
            continue;
          }
          if (rc == Inbound.REAP_EXPIRED) {
            break;
          }
          if (rc == Inbound.REAP_HANDED_BACK) {
            mayReap = false;
            inbound.withdrawRoleWish(me);
          }
        }
        if (spins > 0) {
          spins--;
          IdleStrategy.pollPause(spins);
          if ((spins & 0xFF) != 0 || time.nanoTime() < deadline) {
            continue;
          }
          break;
        }
        long now = time.nanoTime();
        if (now >= deadline) {
          break;
        }
        time.parkNanos(this, Math.min(deadline - now, 50_000_000L));
      }
    } finally {
      inbound.withdrawRoleWish(me);
    }
    // Timed out or interrupted: cancel unless the completion won the race (kmcl-api.md §1.8).
    synchronized (lock) {
      NtStatus s = request.status();
      if (s != null) {
        return s;
      }
      if (queue.remove(request.packet)) {
        queued = queue.size();
      }
      if (transactions.remove(request.packet.transactionId) != null) {
        request.packet.phase = EnginePacket.Phase.IDLE;
        request.finish(NtStatus.STATUS_CANCELLED, null, 0, 0);
        return NtStatus.STATUS_CANCELLED;
      }
    }
    // The completion took the transaction first and finishes the request outside the lock: it
    // wins, and the request must not go back to the pool before it has landed.
    // Spins, not parks: the completion is between two statements of the delivery thread, and a
    // park would return at once for an interrupted thread anyway.
    NtStatus s;
    while ((s = request.status()) == null) {
      Thread.onSpinWait();
    }
    return s;
  }

  // ---- save / restore ----------------------------------------------------------------------

  /** Packet objects in use for a save: waiting for a completion or still queued, not synchronous. */
  java.util.List<EnginePacket> packetsInUse() {
    synchronized (lock) {
      java.util.List<EnginePacket> list = new java.util.ArrayList<>();
      for (EnginePacket p : transactions.snapshot()) {
        if (p.sync == null) {
          list.add(p);
        }
      }
      for (QueuedSend o : queue) {
        if (o instanceof EnginePacket && ((EnginePacket) o).sync == null
            && ((EnginePacket) o).ringFlags == 0) {
          list.add((EnginePacket) o);
        }
      }
      return list;
    }
  }

  /** Puts a restored packet back: queued ones wait to be sent, in-flight ones wait for completion. */
  boolean restore(EnginePacket p, boolean queued) {
    synchronized (lock) {
      if (p.ringFlags != 0 && !transactions.registerWithId(p, p.transactionId)) {
        return false;
      }
      p.phase = queued ? EnginePacket.Phase.QUEUED : EnginePacket.Phase.IN_FLIGHT;
      if (queued) {
        enqueue(p);
        flushLocked();
      }
      return true;
    }
  }

  /** A saved channel goes away: its packets belong to the save, so they are dropped, not completed. */
  void forgetAll() {
    synchronized (lock) {
      failWaiters(NtStatus.STATUS_DEVICE_REMOVED);
      for (EnginePacket p = transactions.removeAny(false); p != null;
          p = transactions.removeAny(false)) {
        p.phase = EnginePacket.Phase.IDLE;
      }
      queue.clear();
      queued = 0;
      held = 0;
    }
  }

  // ---- teardown -----------------------------------------------------------------------------

  /** Wakes every synchronous waiter with {@code status} at once (rescind, close, corruption). */
  void failWaiters(NtStatus status) {
    synchronized (lock) {
      waiterFailure = status;
      // Asynchronous packets stay registered, so a completion that still arrives is not lost;
      // failAll retires them later. Loops, not lambdas: this runs on the poison path, which must
      // not allocate.
      for (EnginePacket p = transactions.removeAny(true); p != null;
          p = transactions.removeAny(true)) {
        if (queue.remove(p)) {
          queued = queue.size();
        }
        retire(p, status);
      }
    }
  }

  /**
   * Retires everything: queued packets complete with {@code queuedStatus}, packets waiting for a
   * completion with {@code queuedStatus} too, synchronous waiters return {@code waiterStatus}.
   */
  void failAll(NtStatus queuedStatus, NtStatus waiterStatus) {
    synchronized (lock) {
      failWaiters(waiterStatus);
      while (!queue.isEmpty()) {
        QueuedSend head = dequeue();
        if (head instanceof EnginePacket) {
          retireQueued((EnginePacket) head, queuedStatus);
        } else if (head != null) {
          held--;
          channel.inbound.release((Delivery) head);
        }
      }
      for (EnginePacket p = transactions.removeAny(false); p != null;
          p = transactions.removeAny(false)) {
        retire(p, queuedStatus);
      }
    }
  }

  /**
   * Retires a packet taken off the send queue. One that asked for a completion is registered in the
   * transaction table too; it leaves the table first, so nothing retires it a second time.
   */
  private void retireQueued(EnginePacket p, NtStatus status) {
    if (p.ringFlags != 0) {
      transactions.remove(p.transactionId);
    }
    retire(p, status);
  }

  private void retire(EnginePacket p, NtStatus status) {
    SyncRequest s = p.sync;
    if (s != null) {
      p.phase = EnginePacket.Phase.IDLE;
      s.finish(status, null, 0, 0);
    } else {
      p.complete(status, null, 0);
    }
  }

  /** Fails everything with STATUS_DATA_ERROR, once; allocates nothing ({@code reason} is a constant). */
  void poison(String reason) {
    synchronized (lock) {
      if (corruption != null) {
        return;
      }
      corruption = reason;
      failAll(NtStatus.STATUS_DATA_ERROR, NtStatus.STATUS_DATA_ERROR);
    }
  }
}
