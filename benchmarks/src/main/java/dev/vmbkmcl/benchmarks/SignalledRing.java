package dev.vmbkmcl.benchmarks;

import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.ring.RingControlLayout;
import dev.vmbkmcl.ring.RingReader;
import dev.vmbkmcl.ring.RingWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One ring of the SDK's ring code ({@link RingWriter} / {@link RingReader}) with a doorbell in each
 * direction and a reader thread that blocks when the ring is empty, counting the signals each end
 * issues under a {@link SignalPolicy}. The writer is the caller of {@link #write()}; the reader
 * drains as the channel engine's delivery thread does: mask, drain, commit every 16 packets, unmask
 * and look again before it waits (reference §3.7).
 */
final class SignalledRing implements Runnable {
  private static final int COMMIT_EVERY = 16;
  /** A lost wake-up would show as a stall of this length, never as a hang. */
  private static final long WAIT_NANOS = 10_000_000L;

  private final SignalPolicy policy;
  private final RingWriter writer;
  private final RingReader reader;
  private final ByteBuffer payload;
  private final int ringBytes;
  private final Doorbell toReader = new Doorbell();
  private final Doorbell toWriter = new Doorbell();
  private final IncomingPacket packet = new IncomingPacket();
  private final AtomicLong readerSignals = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile String failure = "";
  private long writerSignals;
  private long sent;
  /** Reader thread only; read by {@link #stop()} after the join. */
  private long received;

  private SignalledRing(SignalPolicy policy, int dataBytes, int payloadBytes) {
    this.policy = policy;
    ByteBuffer memory = ByteBuffer.allocateDirect(RingControlLayout.CONTROL_PAGE_SIZE + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    Ring ring = Ring.wrap(memory);
    ring.initialize(true);
    this.writer = new RingWriter(ring);
    this.reader = new RingReader(ring);
    this.payload = PayloadSink.message(payloadBytes);
    this.ringBytes = PacketLayout.ringBytes(0, payloadBytes);
    this.thread = new Thread(this, "signalled-ring-reader");
    thread.setDaemon(true);
  }

  /** A ring with a data area of {@code dataBytes} and its reader thread, started. */
  static SignalledRing start(SignalPolicy policy, int dataBytes, int payloadBytes) {
    SignalledRing r = new SignalledRing(policy, dataBytes, payloadBytes);
    r.thread.start();
    return r;
  }

  /**
   * Writes one inband packet; when the ring is full, asks for room with {@code pending_send_sz} and
   * waits for the reader's signal.
   */
  void write() throws InterruptedException {
    int rc = writer.write(PacketLayout.TYPE_INBAND, 0, sent, null, payload);
    if (rc == RingWriter.FULL) {
      do {
        if (!writer.requestSpace(ringBytes)) {
          toWriter.await(WAIT_NANOS);
        }
        rc = writer.write(PacketLayout.TYPE_INBAND, 0, sent, null, payload);
      } while (rc == RingWriter.FULL);
      writer.clearSpaceRequest();
    }
    if (rc != RingWriter.WRITTEN && rc != RingWriter.WRITTEN_SIGNAL) {
      throw new IllegalStateException("RingWriter.write returned " + rc + "; reader: " + failure);
    }
    sent++;
    if (rc == RingWriter.WRITTEN_SIGNAL || policy == SignalPolicy.EVERY_PACKET) {
      writerSignals++;
      toReader.ring();
    }
  }

  @Override
  public void run() {
    try {
      while (running) {
        reader.maskInterrupts();
        int drained = drain();
        if (drained < 0) {
          return;
        }
        if (drained == 0 && reader.unmaskAndCheckEmpty()) {
          toReader.await(WAIT_NANOS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads everything published; returns the packets read, or -1 when the ring broke the format. */
  private int drain() {
    int count = 0;
    int uncommitted = 0;
    int rc;
    while ((rc = reader.read(packet)) == RingReader.PACKET) {
      if (packet.transactionId() != received) {
        failure = "packet " + packet.transactionId() + " arrived where " + received + " was due";
        return -1;
      }
      received++;
      count++;
      if (++uncommitted == COMMIT_EVERY) {
        commit();
        uncommitted = 0;
      }
    }
    if (rc == RingReader.CORRUPT) {
      failure = "corrupt ring: " + reader.corruption();
      return -1;
    }
    if (uncommitted > 0) {
      commit();
    }
    return count;
  }

  private void commit() {
    boolean signal = reader.commit();
    if (signal || policy == SignalPolicy.EVERY_PACKET) {
      readerSignals.incrementAndGet();
      toWriter.ring();
    }
  }

  /** Signals the writer (the caller of {@link #write()}) issued since {@link #resetCounts()}. */
  long writerSignals() {
    return writerSignals;
  }

  /** Signals the reader thread issued since {@link #resetCounts()}. */
  long readerSignals() {
    return readerSignals.get();
  }

  /** Zeroes both signal counts (at the start of an iteration, from the writer's thread). */
  void resetCounts() {
    writerSignals = 0;
    readerSignals.set(0);
  }

  /**
   * Stops the reader thread.
   *
   * @throws IllegalStateException when a packet arrived out of order, or none arrived
   */
  void stop() throws InterruptedException {
    running = false;
    toReader.ring();
    thread.join();
    if (!failure.isEmpty() || received == 0) {
      throw new IllegalStateException("signalled ring: " + (failure.isEmpty() ? "nothing received"
          : failure));
    }
  }
}
