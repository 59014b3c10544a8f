package dev.vmbkmcl.channel;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.ring.RingReader;
import dev.vmbkmcl.spi.ChannelLink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The receive side of a channel: one delivery thread (the DPC analogue, design.md "Threads") drains
 * the incoming ring in ring order, retires completions of packets this side sent, and calls {@code
 * EvtVmbChannelProcessPacket} for everything else, with {@code EvtVmbChannelProcessingComplete} at
 * the end of each batch. It also flushes the send queue when the peer's signal says room appeared.
 *
 * <p>Fairness: a batch takes at most {@link #MAX_BATCH} packets; between batches the thread
 * flushes queued sends and owed completions and runs ProcessingComplete, so a peer that never stops
 * sending cannot starve them.
 *
 * <p>Flow control: at most {@code quota} deliveries are outstanding (delivered, not completed); when
 * the quota is reached the thread stops reading until a packet completes (kmcl-api.md §1.4 step 3).
 * Back-pressure: while {@code MaximumPacketCount} completions wait for room in the outgoing ring (a
 * peer that does not read), a packet that asks for a completion is left in the ring, so the memory
 * a peer can make this side hold is bounded by the channel's settings (README "Engine v2"). A ring
 * that breaks the format poisons the channel: nothing more is read (§2.10).
 *
 * <p>The reader role: whoever touches the {@link RingReader} (and the incoming doorbell) holds
 * {@link #readerRole}, one atomic, one owner. The delivery thread holds it round after round
 * (batch and idle wait) until a requester asks for it; a thread waiting in {@code VmbChannelSendSynchronousRequest} may take it
 * ({@link #tryReap}) to retire completions inline in ring order, and hands it back at the first
 * packet for the driver, which the delivery thread then delivers with every callback rule as
 * before. A requester that finds the role busy asks for it once ({@link #roleWanter}); the delivery
 * thread yields it at the top of its next round.
 */
final class Inbound {
  /** How long the delivery thread sleeps without a signal before it looks again (polling fallback). */
  private static final long IDLE_WAIT_NANOS = 100_000_000L;
  private static final int COMMIT_EVERY = 16;
  /** Packets one delivery batch takes at most before it flushes sends and completions. */
  static final int MAX_BATCH = 64;
  private static final int BACKOFF_SPINS = 2_000;
  private static final int BACKOFF_YIELDS = 50;
  /** Busy-poll's pause while it cannot read (paused, quota reached): never the link's wait. */
  private static final long BUSY_POLL_BLOCKED_PARK_NANOS = 20_000L;

  private final EngineChannel channel;
  /**
   * Guards the passive queue; notified whenever the quiescence state changes while someone waits
   * for it (Pause and Disable, counted in {@link #quiesceWaiters}). Never taken per packet.
   */
  private final Object lock = new Object();
  private final DeliveryPool pool = new DeliveryPool();
  private final IncomingPacket incoming = new IncomingPacket();
  private @Nullable RingReader reader;
  private @Nullable ChannelLink link;
  private volatile @Nullable Thread thread;
  private volatile boolean stopRequested;
  private volatile boolean queueRunning;
  private volatile boolean queueFailed;
  private volatile @Nullable String corruption;
  private volatile int quota = Integer.MAX_VALUE;
  private volatile boolean passive;
  private final AtomicInteger outstanding = new AtomicInteger();
  private volatile boolean callbackRunning;
  private static final java.lang.invoke.VarHandle CALLBACK_RUNNING;

  static {
    try {
      CALLBACK_RUNNING = java.lang.invoke.MethodHandles.lookup()
          .findVarHandle(Inbound.class, "callbackRunning", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  /** Threads waiting on {@link #lock} for quiescence; notifiers take the lock only when non-zero. */
  private volatile int quiesceWaiters;
  /** Deliveries queued for the passive thread or running there; changed under the lock. */
  private volatile int passivePending;
  /** Deliveries waiting for the passive thread, in ring order (a queue that does not allocate). */
  private final ArrayDeque<Delivery> passiveQueue = new ArrayDeque<>();
  /** The thread that runs passive deliveries, started on first use; null once joined. */
  private @Nullable Thread passiveThread;
  /**
   * A free delivery whose buffer the next read copies into (one copy on receive); the role
   * holder's. It becomes the packet's delivery, or stays for the next read (a completion, a
   * dropped pipe packet, a packet left in the ring).
   */
  private @Nullable Delivery spare;
  /**
   * Free deliveries that the role holder itself released (a completion inline on the delivery
   * thread, the common case), linked by {@link Delivery#poolNext}: plain, no compare-and-set, as
   * only the role holder pushes and pops; the role's handover publishes it. Every other thread
   * returns deliveries through {@link #pool}.
   */
  private @Nullable Delivery localFree;
  /** The last batch stopped at a packet that needs a completion it cannot send yet. */
  private boolean backPressured;
  /** The incoming ring's interrupt_mask as this side last stored it (the role holder's). */
  private boolean masked;
  /**
   * Who may read the incoming ring and wait on its doorbell now: null (nobody), the delivery
   * thread, a reaping requester, or {@link #CLOSED} once the link is going away.
   */
  private final AtomicReference<@Nullable Object> readerRole = new AtomicReference<>();
  /** A requester that found the role busy and waits for the delivery thread to yield it. */
  private final AtomicReference<@Nullable Thread> roleWanter = new AtomicReference<>();
  /** The role once the link closes: nobody reads the ring memory after {@link #join()}. */
  private static final Object CLOSED = new Object();

  /** {@link #tryReap}: the request has its outcome. */
  static final int REAP_DONE = 0;
  /** {@link #tryReap}: the role was busy (asked for) or there was nothing to read; wait as before. */
  static final int REAP_BUSY = 1;
  /** {@link #tryReap}: met a packet for the driver, or the channel cannot read: do not reap again. */
  static final int REAP_HANDED_BACK = 2;
  /** {@link #tryReap}: the deadline passed or the thread was interrupted. */
  static final int REAP_EXPIRED = 3;
  /** Internal: the reap batch read completions and may go on. */
  private static final int REAP_MORE = 4;

  Inbound(EngineChannel channel) {
    this.channel = channel;
  }

  void reset() {
    queueFailed = false;
    corruption = null;
    stopRequested = false;
  }

  void attach(ChannelLink newLink) {
    link = newLink;
    reader = new RingReader(Ring.wrap(newLink.incomingRing(), newLink.ringHeaderSize()));
    stopRequested = false;
    masked = false;
    roleWanter.set(null);
    readerRole.set(null); // last: publishes the new reader to whoever takes the role
  }

  void setQuota(int newQuota) {
    quota = newQuota;
  }

  void setPassive(boolean requirePassive) {
    passive = requirePassive;
  }

  void startThread() {
    Thread t = channel.backend.newThread(this::run, "delivery");
    thread = t;
    t.start();
  }

  /** True when {@code t} is this channel's delivery thread (the DISPATCH_LEVEL analogue). */
  boolean isDeliveryThread(Thread t) {
    return t == thread;
  }

  /**
   * True when {@code t} holds the reader role as a reaping requester: it then runs completion
   * routines inline, at the DISPATCH_LEVEL analogue like the delivery thread.
   */
  boolean reapsOn(Thread t) {
    return t != thread && readerRole.get() == t;
  }

  void setQueueRunning(boolean run) {
    queueRunning = run;
    wake();
  }

  void stop() {
    stopRequested = true;
    wake();
  }

  void join() {
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      boolean interrupted = false;
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    closeRole();
    thread = null;
    synchronized (lock) {
      // The passive thread runs what is still queued, then ends.
      passiveThread = null;
      lock.notifyAll();
    }
  }

  /** Stops reading for good (allocates nothing: {@code reason} is a constant). */
  void poison(String reason) {
    if (corruption == null) {
      corruption = reason;
    }
    wake();
  }

  private void wake() {
    ChannelLink l = link;
    if (l != null) {
      l.wakeup();
    }
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t); // it may wait for the reader role, not on the doorbell
    }
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /** Wakes Pause or Disable if one waits for quiescence; no monitor otherwise. */
  private void notifyQuiesceWaiters() {
    if (quiesceWaiters > 0) {
      synchronized (lock) {
        lock.notifyAll();
      }
    }
  }

  // ---- the delivery thread ----------------------------------------------------------------

  private void run() {
    ChannelLink l = link;
    RingReader r = reader;
    if (l == null || r == null) {
      return;
    }
    try {
      deliveryLoop(r, l);
    } catch (Throwable e) {
      // A driver callback (or the engine itself, e.g. out of memory) threw: the channel cannot go
      // on delivering in order. Poison it without allocating, so every waiter returns, and keep
      // the exception visible: the thread never ends silently.
      channel.poison(PoisonReasons.CALLBACK_THREW, e);
      report(e);
    }
  }

  private void deliveryLoop(RingReader r, ChannelLink l) {
    IdleStrategy idle = channel.idleStrategy();
    int idleRounds = 0;
    Thread me = Thread.currentThread();
    while (!stopRequested) {
      if (!takeRole(me)) {
        awaitRole(idle);
        idleRounds = 0;
        continue;
      }
      try {
        // Rounds go on with the role held until a requester asks for it: a release and a retake
        // per round would put a locked instruction and a fence on every packet of a stream.
        do {
          idleRounds = deliveryRound(r, l, idle, idleRounds);
        } while (!stopRequested && roleWanter.get() == null);
      } finally {
        readerRole.set(null);
      }
    }
  }

  /**
   * One round of the delivery loop with the reader role held: a batch, then the idle strategy's
   * wait. Returns the new count of idle rounds.
   */
  @SuppressWarnings("ThreadPriorityCheck") // BACKOFF's middle phase yields: that is the strategy
  private int deliveryRound(RingReader r, ChannelLink l, IdleStrategy idle, int rounds) {
    int idleRounds = rounds;
    boolean canRead = canRead();
    backPressured = false;
    if (canRead) {
      if (!masked) {
        r.maskInterrupts();
        masked = true;
      }
      // Room may have appeared since the last batch: held completions first, then new packets.
      channel.outbound.flushIfQueued();
      int handled = readBatch(r, l);
      // Between batches: queued sends and owed completions go out whatever the peer sends.
      channel.outbound.flushIfQueued();
      if (handled > 0 && !backPressured) {
        return 0;
      }
    } else {
      channel.outbound.flushIfQueued();
    }
    if (idle == IdleStrategy.BUSY_POLL) {
      // The ring stays masked: the peer rings no doorbell for data this thread polls anyway.
      if (canRead && !backPressured) {
        IdleStrategy.pollPause(++idleRounds);
      } else {
        LockSupport.parkNanos(this, BUSY_POLL_BLOCKED_PARK_NANOS);
      }
      return idleRounds;
    }
    if (canRead && !backPressured) {
      if (idle == IdleStrategy.BACKOFF && idleRounds < BACKOFF_SPINS + BACKOFF_YIELDS) {
        if (idleRounds++ < BACKOFF_SPINS) {
          Thread.onSpinWait();
        } else {
          Thread.yield();
        }
        return idleRounds;
      }
      masked = false;
      if (!r.unmaskAndCheckEmpty()) {
        return idleRounds;
      }
    }
    if (roleWanter.get() != null) {
      return 0; // a requester asked for the role: yield it instead of waiting
    }
    // Back-pressured: the ring stays masked; the peer signals when it frees room (§3.4).
    awaitSignal(l);
    return 0;
  }

  /** Waits for the peer's doorbell; an interrupt does not stop delivery (only Disable does). */
  private void awaitSignal(ChannelLink l) {
    try {
      awaitDoorbell(l, IDLE_WAIT_NANOS);
    } catch (InterruptedException e) {
      // The flag is cleared: this thread is the engine's, and only stop() ends it.
    }
  }

  /**
   * The role holder's wait on the incoming doorbell. Only a ring (or a wake-up) is a signal for the
   * observer; the timeout is the engine's own tick.
   */
  private void awaitDoorbell(ChannelLink l, long nanos) throws InterruptedException {
    if (l.awaitSignal(nanos)) {
      channel.observer.signalReceived();
    }
  }

  // ---- the reader role -----------------------------------------------------------------------

  /** The delivery thread takes the role unless a requester asked for it (then it wakes it). */
  private boolean takeRole(Thread me) {
    Thread wanter = roleWanter.get();
    if (wanter != null) {
      LockSupport.unpark(wanter);
      return false;
    }
    return readerRole.compareAndSet(null, me);
  }

  /**
   * The delivery thread waits while a requester holds or wants the role; the requester unparks it
   * when it hands the role back or withdraws its wish. Bounded parks: a missed unpark costs a round.
   */
  private void awaitRole(IdleStrategy idle) {
    int spins = 0;
    while (!stopRequested) {
      Thread wanter = roleWanter.get();
      Object owner = readerRole.get();
      if (owner == null && wanter == null) {
        return;
      }
      if (owner == null) {
        LockSupport.unpark(wanter);
      }
      if (idle == IdleStrategy.BUSY_POLL) {
        // Busy-poll parks nowhere: a park here would cost a wake-up per synchronous request.
        IdleStrategy.pollPause(++spins);
      } else {
        LockSupport.parkNanos(this, IDLE_WAIT_NANOS);
      }
    }
  }

  /** The role holder gives it back and wakes the delivery thread, which reads what is left. */
  private void releaseRole() {
    readerRole.set(null);
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /**
   * After the delivery thread ended: takes the role for good, waiting for a requester that still
   * reaps (its request was failed before, so it lets go at its next look), so nobody touches the
   * ring memory once the link closes.
   */
  private void closeRole() {
    while (true) {
      Object owner = readerRole.get();
      if (owner == CLOSED || (owner == null && readerRole.compareAndSet(null, CLOSED))) {
        return;
      }
      ChannelLink l = link;
      if (l != null) {
        l.wakeup(); // a requester waiting on the doorbell looks again
      }
      LockSupport.parkNanos(this, 100_000L);
    }
  }

  /**
   * A requester's withdrawal of its wish for the role (its wait ended); wakes the delivery thread
   * that yielded to it.
   */
  void withdrawRoleWish(Thread me) {
    if (roleWanter.get() == me && roleWanter.compareAndSet(me, null)) {
      Thread t = thread;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
  }

  /**
   * A waiting synchronous requester reaps its own completion: takes the reader role if it is free
   * (never blocks on it; a busy role is asked for once), reads the incoming ring in ring order,
   * retires completions inline (its own and others'), and stops at the first packet for the
   * driver, which stays in the ring for the delivery thread. The role is always handed back before
   * this returns, and the delivery thread woken. Waits as the channel's idle strategy says: PARK
   * waits on the doorbell itself (one wake-up for the answer instead of two), BUSY_POLL spins.
   *
   * @return {@link #REAP_DONE}, {@link #REAP_BUSY}, {@link #REAP_HANDED_BACK} or {@link
   *     #REAP_EXPIRED}
   */
  int tryReap(SyncRequest request, long deadline, dev.vmbkmcl.spi.TimeSource time) {
    Thread me = Thread.currentThread();
    if (!readerRole.compareAndSet(null, me)) {
      if (readerRole.get() != CLOSED && roleWanter.compareAndSet(null, me)) {
        // Ask once: the delivery thread leaves its doorbell wait and yields at its next round.
        ChannelLink l = link;
        if (l != null) {
          l.wakeup();
        }
      }
      return REAP_BUSY;
    }
    roleWanter.compareAndSet(me, null);
    try {
      return reap(request, deadline, time, me);
    } catch (Throwable e) {
      // A completion routine run here threw: as on the delivery thread, the channel is poisoned
      // (every waiter, this one too, returns STATUS_DATA_ERROR) and the exception reported.
      channel.poison(PoisonReasons.CALLBACK_THREW, e);
      report(e);
      return REAP_HANDED_BACK;
    } finally {
      releaseRole();
    }
  }

  private int reap(SyncRequest request, long deadline, dev.vmbkmcl.spi.TimeSource time, Thread me) {
    RingReader r = reader;
    ChannelLink l = link;
    if (r == null || l == null) {
      return REAP_HANDED_BACK;
    }
    IdleStrategy idle = channel.idleStrategy();
    // A link's doorbell may wait on the machine's clock (hyperv's is poll(2) on /dev/uioN; the
    // sim's follows the bus's clock): an injected clock keeps the caller's timed park so that its
    // timeouts stay in its own time whatever the link.
    boolean doorbell = time == dev.vmbkmcl.spi.TimeSource.SYSTEM;
    int idleRounds = 0;
    while (true) {
      if (request.status() != null) {
        return REAP_DONE;
      }
      if (me.isInterrupted()) {
        return REAP_EXPIRED;
      }
      if (stopRequested || !canRead()) {
        return REAP_HANDED_BACK; // paused, failed or closing: the delivery thread's rules apply
      }
      if (!masked) {
        r.maskInterrupts();
        masked = true;
      }
      // The peer's signal for room in the outgoing ring may have come to this thread.
      channel.outbound.flushIfQueued();
      int rc = reapBatch(r, l, request);
      if (rc != REAP_BUSY) {
        if (rc == REAP_MORE) {
          idleRounds = 0;
          continue;
        }
        return rc;
      }
      if ((idleRounds & 0xFF) == 0 && time.nanoTime() >= deadline) {
        return REAP_EXPIRED;
      }
      if (idle == IdleStrategy.BUSY_POLL
          || (idle == IdleStrategy.BACKOFF && idleRounds < BACKOFF_SPINS + BACKOFF_YIELDS)) {
        IdleStrategy.pollPause(++idleRounds);
        continue;
      }
      if (!doorbell) {
        return REAP_BUSY;
      }
      masked = false;
      if (!r.unmaskAndCheckEmpty()) {
        continue;
      }
      long left = deadline - time.nanoTime();
      if (left <= 0) {
        return REAP_EXPIRED;
      }
      try {
        awaitDoorbell(l, Math.min(left, IDLE_WAIT_NANOS));
      } catch (InterruptedException e) {
        me.interrupt(); // the caller returns STATUS_CANCELLED and keeps the flag
        return REAP_EXPIRED;
      }
      idleRounds = 1; // the deadline is looked at again after 255 empty looks
    }
  }

  /**
   * Reads completions in ring order until the ring is empty ({@link #REAP_BUSY}), a packet for the
   * driver is next ({@link #REAP_HANDED_BACK}, the packet stays in the ring), the request has its
   * answer ({@link #REAP_DONE}) or a batch is done ({@link #REAP_MORE}).
   */
  private int reapBatch(RingReader r, ChannelLink l, SyncRequest request) {
    int handled = 0;
    int result = REAP_MORE;
    try {
      while (true) {
        if (handled == MAX_BATCH) {
          break;
        }
        int before = r.position();
        int rc = r.read(incoming);
        if (rc == RingReader.EMPTY) {
          result = REAP_BUSY;
          break;
        }
        if (rc == RingReader.CORRUPT) {
          channel.poison(PoisonReasons.CORRUPT_RING, r.corruption());
          result = REAP_HANDED_BACK;
          break;
        }
        if (incoming.type() != PacketLayout.TYPE_COMPLETION) {
          // A packet for the driver: it and all after it are the delivery thread's.
          r.unread();
          result = REAP_HANDED_BACK;
          break;
        }
        handled++;
        channel.observer.packetReceived(incoming.buffer(), before, r.position());
        channel.outbound.completionArrived(incoming.transactionId(), incoming.buffer(),
            incoming.payloadOffset(), incoming.payloadLength());
        if (request.status() != null) {
          result = REAP_DONE;
          break;
        }
        if (handled % COMMIT_EVERY == 0 && r.commit()) {
          channel.signalPeer(l);
        }
      }
    } finally {
      if (r.commit()) {
        channel.signalPeer(l);
      }
    }
    if (result == REAP_BUSY && handled > 0) {
      return REAP_MORE; // look once more before waiting
    }
    return result;
  }

  /** Hands {@code e} to the thread's handler; a handler that fails too is ignored. */
  private static void report(Throwable e) {
    try {
      Thread me = Thread.currentThread();
      me.getUncaughtExceptionHandler().uncaughtException(me, e);
    } catch (Throwable ignored) {
      // Out of memory even for the report: the poisoned channel already says what happened.
    }
  }

  private boolean canRead() {
    return queueRunning && !queueFailed && corruption == null && outstanding.get() < quota;
  }

  private int readBatch(RingReader r, ChannelLink l) {
    int batch = 0;
    int handled = 0;
    boolean pipe = channel.settings.isPipe();
    int owedLimit = channel.settings.maximumPacketCount;
    while (handled < MAX_BATCH && queueRunning && !stopRequested && canRead()) {
      int before = r.position();
      Delivery target = spare;
      if (target == null) {
        target = acquire();
        spare = target;
      }
      int rc = r.read(incoming, target.packet);
      if (rc == RingReader.EMPTY) {
        break;
      }
      if (rc == RingReader.CORRUPT) {
        channel.poison(PoisonReasons.CORRUPT_RING, r.corruption());
        break;
      }
      boolean isCompletion = incoming.type() == PacketLayout.TYPE_COMPLETION;
      if (!isCompletion && !pipe && incoming.completionRequested()
          && channel.outbound.heldCompletions() >= owedLimit) {
        // Back-pressure: its answer could not be sent; it stays in the ring until room appears.
        r.unread();
        backPressured = true;
        break;
      }
      handled++;
      channel.observer.packetReceived(incoming.buffer(), before, r.position());
      if (isCompletion) {
        channel.outbound.completionArrived(incoming.transactionId(), incoming.buffer(),
            incoming.payloadOffset(), incoming.payloadLength());
      } else if (accept(incoming)) {
        batch++;
      }
      if (handled % COMMIT_EVERY == 0 && r.commit()) {
        channel.signalPeer(l);
      }
    }
    if (r.commit()) {
      channel.signalPeer(l);
    }
    if (batch > 0) {
      processingComplete(batch);
    }
    return handled;
  }

  /** Turns one ring packet into a delivery and hands it to the driver; false when it was dropped. */
  @SuppressWarnings("ReferenceEquality") // which buffer holds the packet: the spare's or the reader's
  private boolean accept(IncomingPacket p) {
    ByteBuffer buf = p.buffer();
    int offset = p.payloadOffset();
    int length = p.payloadLength();
    if (channel.settings.isPipe()) {
      // Pipe mode: {u32 type; u32 len} then the data; only data packets reach the driver.
      if (length < PipeHeader.SIZE) {
        return false;
      }
      int pipeType = littleEndianInt(buf, offset);
      int pipeLength = littleEndianInt(buf, offset + 4);
      if (pipeType != PipeHeader.TYPE_DATA || pipeLength < 0 || pipeLength > length - PipeHeader.SIZE) {
        return false;
      }
      offset += PipeHeader.SIZE;
      length = pipeLength;
    }
    Delivery d = spare;
    if (d == null) {
      d = acquire();
    } else {
      spare = null;
    }
    if (buf == d.packet) {
      d.useCopy(offset, length); // the one copy: the reader copied into this delivery
    } else {
      d.load(buf, offset, length, p.len8() * 8); // did not fit: grows, so the next one does
    }
    d.packetType = p.type();
    d.transactionId = p.transactionId();
    // Pipe mode has no transactions: a completion the peer asks for is never sent.
    d.completionRequested = p.completionRequested() && !channel.settings.isPipe();
    d.processFlags = 0;
    d.typeHeaderLength = 0;
    if (p.type() == PacketLayout.TYPE_GPA_DIRECT || p.type() == PacketLayout.TYPE_TRANSFER_PAGES) {
      // Transfer-page ranges name the receive buffer: kept so that GetExternalData can resolve them.
      d.loadTypeHeader(buf, PacketLayout.DESCRIPTOR_SIZE, offset - PacketLayout.DESCRIPTOR_SIZE);
      d.processFlags = 0x1; // VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA
    }
    // Ring order holds across a deferral: while passive work is queued, later packets queue behind it.
    if (passive || passivePending > 0) {
      // Outstanding from here on. An inline delivery (below) counts only if it outlives its
      // callback: the common inline completion touches no counter.
      outstanding.incrementAndGet();
      d.setPhase(Delivery.Phase.OUTSTANDING);
      deliverPassive(d);
    } else {
      deliver(d);
    }
    return true;
  }

  /** A u32 of the packet copy, little-endian whatever the buffer's order (no view per packet). */
  private static int littleEndianInt(ByteBuffer buf, int index) {
    int raw = buf.getInt(index);
    return buf.order() == ByteOrder.LITTLE_ENDIAN ? raw : Integer.reverseBytes(raw);
  }

  private Delivery acquire() {
    Delivery d = localFree;
    if (d != null) {
      localFree = d.poolNext;
      d.poolNext = null;
    } else {
      d = pool.take();
      if (d == null) {
        d = new Delivery(channel);
      }
    }
    d.deferRequested = false;
    d.redelivery = false;
    // A release store: the driver gets the delivery through its own handoff, which orders it.
    d.setPhase(Delivery.Phase.DELIVERING);
    return d;
  }

  private void deliver(Delivery d) {
    if (queueFailed || corruption != null) {
      // The queue stopped (VmbChannelPacketFail or a corrupt ring): packets already taken from the
      // ring are dropped undelivered; the channel needs Disable.
      if (d.phase == Delivery.Phase.DELIVERING) {
        release(d); // from accept, never counted
      } else {
        finishCompletion(d, true, true);
      }
      return;
    }
    // A release store, no fence: nothing this thread reads next is ordered against a waiter by it
    // (the waiter reads it under the lock; the fence that matters is the clearing store below).
    CALLBACK_RUNNING.setRelease(this, true);
    d.inlineThread = Thread.currentThread();
    // Read before the callback: once it completed the delivery, d may already serve another packet
    // (a passive redelivery comes in counted, and must not look at d's phase afterwards).
    boolean uncounted = d.phase == Delivery.Phase.DELIVERING;
    try {
      // DELIVERING (from accept, not counted as outstanding) while the callback runs; a delivery
      // still open when it returns is counted before callbackRunning clears, so Pause and Disable
      // see either the callback or the count.
      invokeProcessPacket(d);
      if (uncounted && d.phase == Delivery.Phase.DELIVERING) {
        outstanding.incrementAndGet();
        if (!Delivery.promote(d)) {
          outstanding.decrementAndGet(); // another thread completed it just now, uncounted
        }
      }
    } catch (RuntimeException | Error e) {
      // The callback threw: the delivery can never be completed by it, so it stops counting as
      // outstanding (a Disable would otherwise wait for it forever); the delivery loop poisons.
      if (!d.deferRequested) {
        int claimed = Delivery.claim(d);
        if (claimed != Delivery.CLAIM_FAILED) {
          finishCompletion(d, true, claimed == Delivery.CLAIM_COUNTED);
        }
      }
      throw e;
    } finally {
      d.inlineThread = null;
      callbackRunning = false;
      notifyQuiesceWaiters();
    }
    if (d.deferRequested) {
      d.deferRequested = false;
      d.redelivery = true;
      deliverPassive(d);
    }
  }

  private void invokeProcessPacket(Delivery d) {
    ByteBuffer view = d.payload;
    view.limit(d.payloadLength).position(0);
    var ex = channel.processPacketEx;
    var plain = channel.processPacket;
    if (ex != null) {
      ex.EvtVmbChannelProcessPacketEx(channel, channel.processContext, d, view, d.payloadLength,
          d.processFlags);
    } else if (plain != null) {
      plain.EvtVmbChannelProcessPacket(channel, d, view, d.payloadLength, d.processFlags);
    } else {
      // No callback registered: complete at once so the sender is not left waiting.
      complete(d, null, 0);
    }
  }

  private void processingComplete(int count) {
    var ex = channel.processingCompleteEx;
    var plain = channel.processingComplete;
    if (ex != null) {
      ex.EvtVmbChannelProcessingCompleteEx(channel, channel.processContext, count);
    } else if (plain != null) {
      plain.EvtVmbChannelProcessingComplete(channel, count);
    }
  }

  private void deliverPassive(Delivery d) {
    synchronized (lock) {
      passivePending++;
      passiveQueue.addLast(d);
      if (passiveThread == null) {
        Thread t = channel.backend.newThread(this::runPassive, "passive");
        passiveThread = t;
        t.start();
      }
      lock.notifyAll();
    }
  }

  /**
   * The passive thread: delivers queued deliveries one at a time, in order. It ends once it is no
   * longer the channel's passive thread: at once when a newer one took over, else when the queue is
   * empty. A callback that throws is reported to the thread's handler; the next delivery still runs.
   * An Error poisons the channel first (allocation-free), as on the delivery thread.
   */
  private void runPassive() {
    Thread me = Thread.currentThread();
    while (true) {
      Delivery d = nextPassive(me);
      if (d == null) {
        return;
      }
      try {
        deliver(d);
      } catch (RuntimeException e) {
        report(e);
      } catch (Error e) {
        channel.poison(PoisonReasons.CALLBACK_THREW, e);
        report(e);
      } finally {
        synchronized (lock) {
          passivePending--;
          lock.notifyAll();
        }
      }
    }
  }

  private @Nullable Delivery nextPassive(Thread me) {
    boolean interrupted = false;
    try {
      synchronized (lock) {
        while (true) {
          Thread current = passiveThread;
          if (current != me && (current != null || passiveQueue.isEmpty())) {
            return null;
          }
          Delivery d = passiveQueue.pollFirst();
          if (d != null) {
            return d;
          }
          try {
            lock.wait();
          } catch (InterruptedException e) {
            interrupted = true; // only join() ends this thread
          }
        }
      }
    } finally {
      if (interrupted) {
        me.interrupt();
      }
    }
  }

  // ---- driver calls on a delivery ------------------------------------------------------------

  /** {@code VmbChannelPacketDeferToPassive}: only inline from the process-packet callback. */
  void defer(Delivery d) {
    if (d.inlineThread != Thread.currentThread()) {
      throw new IllegalStateException("VmbChannelPacketDeferToPassive: " + d
          + " is not the packet being delivered on this thread; KMCL allows the call only inline"
          + " from EvtVmbChannelProcessPacket");
    }
    d.deferRequested = true;
  }

  /** {@code VmbChannelPacketComplete}: exactly once per delivery. */
  void complete(Delivery d, @Nullable ByteBuffer buffer, int length) {
    boolean counted = beginCompletion(d, "VmbChannelPacketComplete");
    boolean release = true;
    if (d.completionRequested) {
      release = channel.outbound.sendCompletion(d, buffer, length);
    }
    finishCompletion(d, release, counted);
  }

  /** {@code VmbChannelPacketFail}: the packet is dropped and the queue stops (§5 item 21). */
  void fail(Delivery d) {
    boolean counted = beginCompletion(d, "VmbChannelPacketFail");
    queueFailed = true;
    finishCompletion(d, true, counted);
  }

  /** Claims {@code d} for its one completion; true when it was counted as outstanding. */
  private boolean beginCompletion(Delivery d, String function) {
    int claimed = d.deferRequested ? Delivery.CLAIM_FAILED : Delivery.claim(d);
    if (claimed == Delivery.CLAIM_FAILED) {
      throw new IllegalStateException(function + ": " + d
          + " was already completed, failed or deferred (each delivery ends exactly once)");
    }
    return claimed == Delivery.CLAIM_COUNTED;
  }

  /**
   * The delivery {@code d} ended; {@code counted} when it was counted as outstanding (it outlived
   * its inline callback, or went to the passive thread). An uncounted one changes no counter.
   */
  private void finishCompletion(Delivery d, boolean release, boolean counted) {
    if (!counted) {
      if (release) {
        release(d);
      }
      return;
    }
    int before = outstanding.getAndDecrement();
    if (release) {
      release(d);
    }
    notifyQuiesceWaiters();
    if (before >= quota) {
      // The delivery thread may have stopped at the quota: this completion lets it read again.
      ChannelLink l = link;
      if (l != null) {
        l.wakeup();
      }
    }
  }

  void release(Delivery d) {
    d.setPhase(Delivery.Phase.FREE);
    if (readerRole.get() == Thread.currentThread()) {
      // The role holder (the delivery thread completing inline): its own list, no atomic.
      d.poolNext = localFree;
      localFree = d;
    } else {
      pool.put(d); // the push publishes the FREE phase to the taker
    }
  }

  // ---- waiting for quiescence (Pause, Disable) ------------------------------------------------

  void awaitNoCallbackRunning() {
    awaitUninterruptibly(() -> !callbackRunning && passivePending == 0);
  }

  /** Blocks until the driver completed every delivery (KMCL blocks the same way, §3.1 Suspend). */
  void awaitNoOutstanding() {
    awaitUninterruptibly(() -> outstanding.get() == 0);
  }

  /**
   * Waits on the lock until {@code done} holds, checked under the lock. An interrupt does not end
   * the wait (Pause and Disable must not return early) and is restored afterwards.
   */
  private void awaitUninterruptibly(BooleanSupplier done) {
    boolean interrupted = false;
    synchronized (lock) {
      quiesceWaiters++;
      try {
        while (!done.getAsBoolean()) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        quiesceWaiters--;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  NtStatus externalData(Delivery d, int flags, dev.vmbkmcl.Ref<dev.vmbkmcl.Mdl> mdl) {
    Delivery.Phase phase = d.phase;
    if (phase != Delivery.Phase.OUTSTANDING && phase != Delivery.Phase.DELIVERING) {
      throw new IllegalStateException("VmbChannelPacketGetExternalData: " + d + " is not outstanding");
    }
    if ((d.processFlags & 0x1) == 0) {
      return NtStatus.STATUS_NOT_FOUND;
    }
    // The delivery's own little-endian copy: it is outstanding, so nothing else touches it now.
    ByteBuffer header = d.typeHeader;
    header.limit(d.typeHeaderLength).position(0);
    NtStatus status = d.packetType == PacketLayout.TYPE_TRANSFER_PAGES
        ? channel.backend.mapTransferPages(channel, header, flags, mdl)
        : channel.backend.mapExternalData(channel, header, flags, mdl);
    if (status.equals(NtStatus.STATUS_PENDING)) {
      // §1.6: the callback returns at once and the packet is delivered again later.
      d.deferRequested = true;
    }
    return status;
  }
}
