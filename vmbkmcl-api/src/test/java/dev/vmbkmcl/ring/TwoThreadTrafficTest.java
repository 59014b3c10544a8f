package dev.vmbkmcl.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded traffic through a ring pair (dsize 64 KiB each) between two threads, each writing one ring
 * and reading the other, signalling only as the state machines say (§3.3, §3.6, §3.7). A lost
 * signal shows as a hang, caught by the timeout; every byte, the order and the count are checked.
 */
class TwoThreadTrafficTest {
  private static final int DSIZE = 64 * 1024;
  private static final int MAX_PAYLOAD = 8 * 1024;
  /**
   * Packets in each direction: 4 million cross the pair in all (15.6 GiB of payload: each 64 KiB
   * ring wraps about 120,000 times).
   * Under 3x CPU oversubscription 10 million took 106 s of the 240 s guard; 4 million leave room.
   */
  private static final long PER_DIRECTION = 2_000_000;
  private static final long SEED = 0x5EED_0F_71A9L;

  /** Random bytes; a packet's payload is a slice of it at an offset derived from its number. */
  private static final ByteBuffer PATTERN = pattern();

  private static ByteBuffer pattern() {
    byte[] b = new byte[65_536 + MAX_PAYLOAD];
    new SplittableRandom(SEED).nextBytes(b);
    return ByteBuffer.wrap(b).asReadOnlyBuffer();
  }

  /** A stateless mix of direction and sequence number: sizes and offsets need no shared state. */
  private static long mix(long direction, long seq) {
    long z = SEED + direction * 0x9E3779B97F4A7C15L + seq * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static int sizeOf(long direction, long seq) {
    return 1 + (int) (mix(direction, seq) >>> 51); // 1 .. 8192
  }

  static int offsetOf(long direction, long seq) {
    return (int) mix(direction, seq) & 0xFFFF;
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS) // liveness guard only: a lost signal hangs
  void fourMillionPacketsCrossARingPairBothWays() throws InterruptedException {
    ByteBuffer ab = TestRings.memory(DSIZE);
    ByteBuffer ba = TestRings.memory(DSIZE);
    Ring ringAb = Ring.wrap(ab);
    Ring ringBa = Ring.wrap(ba);
    ringAb.initialize(true);
    ringBa.initialize(true);
    Bell bellA = new Bell();
    Bell bellB = new Bell();
    AtomicReference<@Nullable String> failure = new AtomicReference<>();
    Endpoint a =
        new Endpoint(0, new RingWriter(ringAb), new RingReader(ringBa), bellA, bellB, failure);
    Endpoint b =
        new Endpoint(1, new RingWriter(ringBa), new RingReader(ringAb), bellB, bellA, failure);
    Thread ta = new Thread(a, "ring-A");
    Thread tb = new Thread(b, "ring-B");

    long start = System.nanoTime();
    ta.start();
    tb.start();
    ta.join();
    tb.join();
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("TwoThreadTrafficTest: %d packets, %d MiB of payload in %d ms%n",
        2 * PER_DIRECTION, (a.payloadBytes + b.payloadBytes) >> 20, millis);

    assertNull(failure.get());
    assertEquals(PER_DIRECTION, a.received);
    assertEquals(PER_DIRECTION, b.received);
    assertEquals(PER_DIRECTION, a.sent);
    assertEquals(PER_DIRECTION, b.sent);
    assertEquals(ringAb.writeIndex(), ringAb.readIndex(), "A to B drained");
    assertEquals(ringBa.writeIndex(), ringBa.readIndex(), "B to A drained");
  }

  /**
   * A doorbell between the two threads: {@link #ring()} sets it and unparks its owner, which
   * parks until it is set. Parked rather than yielding: a thread that yields on a 2-core machine
   * busy with other work waits for the scheduler on every hand-off, and 10 million packets then
   * took minutes. A park without timeout still hangs on a lost signal, which the timeout catches.
   */
  private static final class Bell {
    private final AtomicBoolean rung = new AtomicBoolean();
    private volatile @Nullable Thread owner;

    void ring() {
      rung.set(true);
      Thread t = owner; // read after the store: an owner that registered too late sees the ring
      if (t != null) {
        LockSupport.unpark(t);
      }
    }

    /** Waits until rung (or {@code failure} is set), then clears it. */
    void await(AtomicReference<@Nullable String> failure) {
      owner = Thread.currentThread();
      while (!rung.getAndSet(false) && failure.get() == null) {
        LockSupport.park(this);
      }
    }
  }

  /** One side: writes its ring, reads the other, and waits on its doorbell only when idle. */
  private static final class Endpoint implements Runnable {
    private final long direction;
    private final RingWriter out;
    private final RingReader in;
    private final Bell myBell;
    private final Bell peerBell;
    private final AtomicReference<@Nullable String> failure;
    private final ByteBuffer payload = PATTERN.duplicate();
    private final ByteBuffer expected = PATTERN.duplicate();
    private final IncomingPacket packet = new IncomingPacket();
    long sent;
    long received;
    long payloadBytes;
    private boolean waitingForSpace;
    private boolean requested;

    Endpoint(long direction, RingWriter out, RingReader in, Bell myBell, Bell peerBell,
        AtomicReference<@Nullable String> failure) {
      this.direction = direction;
      this.out = out;
      this.in = in;
      this.myBell = myBell;
      this.peerBell = peerBell;
      this.failure = failure;
    }

    @Override
    public void run() {
      while ((sent < PER_DIRECTION || received < PER_DIRECTION) && failure.get() == null) {
        boolean progress = send();
        progress |= receive();
        if (!in.unmaskAndCheckEmpty() || progress) {
          continue; // packets arrived while masked, or there may be more to do
        }
        // Idle: the ring we read is empty and unmasked, and we are done or blocked for space.
        myBell.await(failure);
        waitingForSpace = false;
      }
    }

    private boolean send() {
      boolean progress = false;
      while (sent < PER_DIRECTION && !waitingForSpace) {
        int size = sizeOf(direction, sent);
        int offset = offsetOf(direction, sent);
        payload.limit(offset + size).position(offset);
        int rc = out.write(PacketLayout.TYPE_INBAND, 0, sent, null, payload);
        if (rc == RingWriter.WRITTEN || rc == RingWriter.WRITTEN_SIGNAL) {
          if (rc == RingWriter.WRITTEN_SIGNAL) {
            peerBell.ring();
          }
          if (requested) {
            out.clearSpaceRequest();
            requested = false;
          }
          sent++;
          progress = true;
        } else if (rc == RingWriter.FULL) {
          requested = true;
          waitingForSpace = !out.requestSpace(PacketLayout.ringBytes(0, size));
        } else {
          fail("write " + sent + " returned " + rc + ": " + out.corruption());
          return false;
        }
      }
      return progress;
    }

    private boolean receive() {
      boolean progress = false;
      in.maskInterrupts();
      int rc;
      while ((rc = in.read(packet)) == RingReader.PACKET) {
        if (!verify()) {
          return false;
        }
        received++;
        progress = true;
        if ((received & 15) == 0 && in.commit()) {
          peerBell.ring();
        }
      }
      if (rc == RingReader.CORRUPT) {
        fail("read " + received + ": " + in.corruption());
      }
      if (in.commit()) {
        peerBell.ring();
      }
      return progress;
    }

    private boolean verify() {
      long peer = 1 - direction;
      int size = sizeOf(peer, received);
      int offset = offsetOf(peer, received);
      if (packet.type() != PacketLayout.TYPE_INBAND || packet.transactionId() != received
          || packet.payloadLength() != ((size + 7) & ~7)) {
        return fail("packet " + received + " arrived as id " + packet.transactionId() + ", type "
            + packet.type() + ", " + packet.payloadLength() + " bytes for " + size);
      }
      ByteBuffer got = packet.buffer();
      got.limit(packet.payloadOffset() + size).position(packet.payloadOffset());
      expected.limit(offset + size).position(offset);
      if (got.mismatch(expected) != -1) {
        return fail("packet " + received + " differs at byte " + got.mismatch(expected));
      }
      got.limit(got.capacity());
      for (int i = packet.payloadOffset() + size; i < packet.len8() * 8; i++) {
        if (got.get(i) != 0) {
          return fail("packet " + received + " has non-zero padding");
        }
      }
      payloadBytes += size;
      return true;
    }

    private boolean fail(String why) {
      failure.compareAndSet(null, Thread.currentThread().getName() + ": " + why);
      myBell.ring();
      peerBell.ring();
      return false;
    }
  }
}
