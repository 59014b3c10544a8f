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
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The receive side of a channel: one delivery thread (the DPC analogue, design.md "Threads") drains
 * the incoming ring in ring order, retires completions of packets this side sent, and calls {@code
 * EvtVmbChannelProcessPacket} for everything else, with {@code EvtVmbChannelProcessingComplete} at
 * the end of each batch. It also flushes the send queue when the peer's signal says room appeared.
 *
 * <p>Flow control: at most {@code quota} deliveries are outstanding (delivered, not completed); when
 * the quota is reached the thread stops reading until a packet completes (kmcl-api.md §1.4 step 3).
 * A ring that breaks the format poisons the channel: nothing more is read (§2.10).
 */
final class Inbound {
  /** How long the delivery thread sleeps without a signal before it looks again (polling fallback). */
  private static final long IDLE_WAIT_NANOS = 100_000_000L;
  private static final int COMMIT_EVERY = 16;

  private final EngineChannel channel;
  /**
   * Guards the delivery pool and the counters below; notified whenever they change (Pause and
   * Disable wait on it). A monitor rather than a ReentrantLock: drivers complete deliveries on their
   * own threads while the delivery thread takes it for every packet, and a contended ReentrantLock
   * allocates a queue node per wait.
   */
  private final Object lock = new Object();
  private final ArrayDeque<Delivery> pool = new ArrayDeque<>();
  private final IncomingPacket incoming = new IncomingPacket();
  private @Nullable RingReader reader;
  private @Nullable ChannelLink link;
  private @Nullable Thread thread;
  private volatile boolean stopRequested;
  private volatile boolean queueRunning;
  private volatile boolean queueFailed;
  private volatile @Nullable String corruption;
  private volatile int quota = Integer.MAX_VALUE;
  private volatile boolean passive;
  private int outstanding;
  private boolean callbackRunning;
  /** Deliveries queued for the passive thread or running there. */
  private int passivePending;
  /** Deliveries waiting for the passive thread, in ring order (a queue that does not allocate). */
  private final ArrayDeque<Delivery> passiveQueue = new ArrayDeque<>();
  /** The thread that runs passive deliveries, started on first use; null once joined. */
  private @Nullable Thread passiveThread;

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
    reader = new RingReader(Ring.wrap(newLink.incomingRing()));
    stopRequested = false;
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
    thread = null;
    synchronized (lock) {
      // The passive thread runs what is still queued, then ends.
      passiveThread = null;
      lock.notifyAll();
    }
  }

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
    synchronized (lock) {
      lock.notifyAll();
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
      while (!stopRequested) {
        boolean canRead = canRead();
        if (canRead && readBatch(r, l) > 0) {
          continue;
        }
        channel.outbound.flush();
        if (canRead && !r.unmaskAndCheckEmpty()) {
          continue;
        }
        l.awaitSignal(IDLE_WAIT_NANOS);
        channel.observer.signalReceived();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // A driver callback threw: the channel cannot go on delivering in order. Poison it so every
      // waiter returns, and keep the exception visible.
      channel.poison("a callback threw " + e);
      Thread.UncaughtExceptionHandler h = Thread.getDefaultUncaughtExceptionHandler();
      if (h != null) {
        h.uncaughtException(Thread.currentThread(), e);
      }
    }
  }

  private boolean canRead() {
    if (!queueRunning || queueFailed || corruption != null) {
      return false;
    }
    synchronized (lock) {
      return outstanding < quota;
    }
  }

  private int readBatch(RingReader r, ChannelLink l) {
    r.maskInterrupts();
    int batch = 0;
    int handled = 0;
    while (queueRunning && !stopRequested && canRead()) {
      int before = r.cursor();
      int rc = r.read(incoming);
      if (rc == RingReader.EMPTY) {
        break;
      }
      if (rc == RingReader.CORRUPT) {
        channel.poison("corrupt incoming ring: " + r.corruption());
        break;
      }
      channel.observer.packetReceived(incoming.buffer(), before, r.cursor());
      handled++;
      if (incoming.type() == PacketLayout.TYPE_COMPLETION) {
        channel.outbound.completionArrived(incoming.transactionId(), incoming.buffer(),
            incoming.payloadOffset(), incoming.payloadLength());
      } else if (accept(incoming)) {
        batch++;
      }
      if (handled % COMMIT_EVERY == 0 && r.commit()) {
        channel.observer.signalSent();
        l.signalPeer();
      }
    }
    if (r.commit()) {
      channel.observer.signalSent();
      l.signalPeer();
    }
    if (batch > 0) {
      processingComplete(batch);
    }
    return handled;
  }

  /** Turns one ring packet into a delivery and hands it to the driver; false when it was dropped. */
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
    Delivery d = acquire();
    d.load(buf, offset, length);
    d.packetType = p.type();
    d.transactionId = p.transactionId();
    d.completionRequested = p.completionRequested();
    d.processFlags = 0;
    d.typeHeaderLength = 0;
    if (p.type() == PacketLayout.TYPE_GPA_DIRECT) {
      d.loadTypeHeader(buf, PacketLayout.DESCRIPTOR_SIZE, offset - PacketLayout.DESCRIPTOR_SIZE);
      d.processFlags = 0x1; // VMBUS_CHANNEL_PROCESS_PACKET_FLAG_EXTERNAL_DATA
    }
    synchronized (lock) {
      outstanding++;
    }
    boolean behindDeferred;
    synchronized (lock) {
      behindDeferred = passivePending > 0;
    }
    // Ring order holds across a deferral: while passive work is queued, later packets queue behind it.
    if (passive || behindDeferred) {
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
    synchronized (lock) {
      Delivery d = pool.pollFirst();
      if (d == null) {
        d = new Delivery(channel);
      }
      d.phase = Delivery.Phase.DELIVERING;
      d.deferRequested = false;
      d.redelivery = false;
      return d;
    }
  }

  private void deliver(Delivery d) {
    if (queueFailed || corruption != null) {
      // The queue stopped (VmbChannelPacketFail or a corrupt ring): packets already taken from the
      // ring are dropped undelivered; the channel needs Disable.
      d.phase = Delivery.Phase.OUTSTANDING;
      finishCompletion(d, true);
      return;
    }
    synchronized (lock) {
      callbackRunning = true;
    }
    d.inlineThread = Thread.currentThread();
    try {
      if (d.phase == Delivery.Phase.DELIVERING) {
        d.phase = Delivery.Phase.OUTSTANDING;
      }
      invokeProcessPacket(d);
    } catch (RuntimeException | Error e) {
      // The callback threw: the delivery can never be completed by it, so it stops counting as
      // outstanding (a Disable would otherwise wait for it forever); the delivery loop poisons.
      if (d.phase == Delivery.Phase.OUTSTANDING && !d.deferRequested) {
        d.phase = Delivery.Phase.COMPLETING;
        finishCompletion(d, true);
      }
      throw e;
    } finally {
      d.inlineThread = null;
      synchronized (lock) {
        callbackRunning = false;
        lock.notifyAll();
      }
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
      } catch (RuntimeException | Error e) {
        me.getUncaughtExceptionHandler().uncaughtException(me, e);
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
    beginCompletion(d, "VmbChannelPacketComplete");
    boolean release = true;
    if (d.completionRequested) {
      release = channel.outbound.sendCompletion(d, buffer, length);
    }
    finishCompletion(d, release);
  }

  /** {@code VmbChannelPacketFail}: the packet is dropped and the queue stops (§5 item 21). */
  void fail(Delivery d) {
    beginCompletion(d, "VmbChannelPacketFail");
    queueFailed = true;
    finishCompletion(d, true);
  }

  private void beginCompletion(Delivery d, String function) {
    synchronized (lock) {
      if (d.phase != Delivery.Phase.OUTSTANDING || d.deferRequested) {
        throw new IllegalStateException(function + ": " + d
            + " was already completed, failed or deferred (each delivery ends exactly once)");
      }
      d.phase = Delivery.Phase.COMPLETING;
    }
  }

  private void finishCompletion(Delivery d, boolean release) {
    synchronized (lock) {
      outstanding--;
      lock.notifyAll();
    }
    if (release) {
      release(d);
    }
    ChannelLink l = link;
    if (l != null) {
      l.wakeup();
    }
  }

  void release(Delivery d) {
    synchronized (lock) {
      d.phase = Delivery.Phase.FREE;
      pool.addLast(d);
    }
  }

  // ---- waiting for quiescence (Pause, Disable) ------------------------------------------------

  void awaitNoCallbackRunning() {
    awaitUninterruptibly(() -> !callbackRunning && passivePending == 0);
  }

  /** Blocks until the driver completed every delivery (KMCL blocks the same way, §3.1 Suspend). */
  void awaitNoOutstanding() {
    awaitUninterruptibly(() -> outstanding == 0);
  }

  /**
   * Waits on the lock until {@code done} holds, checked under the lock. An interrupt does not end
   * the wait (Pause and Disable must not return early) and is restored afterwards.
   */
  private void awaitUninterruptibly(BooleanSupplier done) {
    boolean interrupted = false;
    synchronized (lock) {
      while (!done.getAsBoolean()) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  NtStatus externalData(Delivery d, int flags, dev.vmbkmcl.Ref<dev.vmbkmcl.Mdl> mdl) {
    if (d.phase != Delivery.Phase.OUTSTANDING) {
      throw new IllegalStateException("VmbChannelPacketGetExternalData: " + d + " is not outstanding");
    }
    if ((d.processFlags & 0x1) == 0) {
      return NtStatus.STATUS_NOT_FOUND;
    }
    // The delivery's own little-endian copy: it is outstanding, so nothing else touches it now.
    ByteBuffer header = d.typeHeader;
    header.limit(d.typeHeaderLength).position(0);
    NtStatus status = channel.backend.mapExternalData(channel, header, flags, mdl);
    if (status.equals(NtStatus.STATUS_PENDING)) {
      // §1.6: the callback returns at once and the packet is delivered again later.
      d.deferRequested = true;
    }
    return status;
  }
}
