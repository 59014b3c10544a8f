package dev.vmbkmcl.sim.reliability;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelDisable;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.ring.RingControlLayout;
import dev.vmbkmcl.ring.RingWriter;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A host that keeps rewriting the guest's RX ring <em>while</em> the guest reads it: one host
 * thread publishes well-formed packets, another rewrites payload bytes, descriptor words or the
 * indices at the same time. Nothing may escape to a callback thread, a buffer the driver was given
 * must not change while it holds it, every delivered packet lies inside the ring, and the channel
 * either poisons with a reason or goes on. Payload rewrites alone must never poison: the guest
 * copies the packet out before it looks at it, so it delivers every packet, once, in order, with
 * each byte either what the host wrote first or what it wrote over it.
 *
 * <p>Packets are 256-byte slots (16-byte descriptor, 232-byte payload, 8-byte trailer) in a
 * 12,288-byte data area, so slot boundaries never move and "payload bytes" is well defined.
 */
class HostileTamperingTest {
  private static final int RING_PAGES = 4;
  private static final int DATA_SIZE = (RING_PAGES - 1) * 4096;
  private static final int SLOT = 256;
  private static final int PAYLOAD = SLOT - 16 - 8;
  private static final int PACKETS = 2000;
  /** The one value {@link #patternAt} never takes in payload bytes 8 to 231. */
  private static final byte OVERWRITE = 0x01;
  private static final long LIVENESS_NANOS = TimeUnit.SECONDS.toNanos(120);
  /** A ring that stays full this long while rewritten has stopped; only ends a hang. */
  private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** What the second host thread rewrites. */
  enum Target { PAYLOAD, DESCRIPTORS, INDICES }

  private final SimVmbus bus = new SimVmbus();
  private final List<Throwable> escaped = new CopyOnWriteArrayList<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final List<byte[]> delivered = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong tampers = new AtomicLong();
  private final AtomicBoolean tampering = new AtomicBoolean();
  private final AtomicInteger callbacks = new AtomicInteger();
  private Thread.UncaughtExceptionHandler previous;
  private SimChannelPair pair;

  @BeforeEach
  void openChannel() throws InterruptedException {
    previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> escaped.add(e));
    pair = SimChannelPair.builder(bus).instance(UUID.randomUUID()).ringPages(RING_PAGES)
        .maximumPacketCount(64)
        .serverPackets((ch, pkt, buf, len, flags) -> VmbChannelPacketComplete(pkt, null, 0))
        .clientPackets((ch, pkt, buf, len, flags) -> {
          try {
            onPacket(buf, len);
          } catch (RuntimeException | Error e) {
            problems.add("the check itself threw " + e);
          }
          VmbChannelPacketComplete(pkt, null, 0);
        })
        .startServer(false).allocate();
    pair.open();
  }

  @AfterEach
  void closeChannel() {
    stop.set(true);
    VmbChannelDisable(pair.client());
    VmbChannelDisable(pair.server());
    Thread.setDefaultUncaughtExceptionHandler(previous);
  }

  /** The driver's view: copy what it got, hold it while the host keeps writing, look again. */
  private void onPacket(ByteBuffer buf, int len) {
    if (len < 0 || len > DATA_SIZE || buf.position() + len > buf.limit()) {
      problems.add("a packet of " + len + " bytes at " + buf.position() + " of " + buf.limit());
      return;
    }
    byte[] first = new byte[len];
    buf.get(buf.position(), first);
    if (callbacks.incrementAndGet() % 8 == 0 && tampering.get()) {
      // Let the tampering thread run at least twice more while we hold the buffer.
      long seen = tampers.get();
      long deadline = System.nanoTime() + LIVENESS_NANOS;
      while (tampers.get() < seen + 2 && !stop.get() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(50_000L);
      }
      byte[] again = new byte[len];
      buf.get(buf.position(), again);
      if (!java.util.Arrays.equals(first, again)) {
        problems.add("a delivered buffer changed while the driver held it");
      }
    }
    delivered.add(first);
  }

  private static byte patternAt(int i) {
    return (byte) (i * 7 + 1);
  }

  /** The first host thread: PACKETS inband packets, payload = u64 sequence, then the pattern. */
  private final class Writer implements Runnable {
    final AtomicInteger written = new AtomicInteger();

    @Override
    public void run() {
      ByteBuffer rx = bus.ringsOf(pair.client())[1];
      RingWriter writer = new RingWriter(Ring.wrap(rx));
      ByteBuffer payload = ByteBuffer.allocate(PAYLOAD).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 8; i < PAYLOAD; i++) {
        payload.put(i, patternAt(i));
      }
      EngineChannel client = (EngineChannel) pair.client();
      long stuckSince = System.nanoTime();
      while (written.get() < PACKETS && !stop.get() && client.corruption() == null) {
        payload.putLong(0, written.get()).clear();
        int rc = writer.write(PacketLayout.TYPE_INBAND, 0, written.get(), null, payload);
        if (rc == RingWriter.WRITTEN || rc == RingWriter.WRITTEN_SIGNAL) {
          written.incrementAndGet();
          bus.signalClient(pair.client());
          stuckSince = System.nanoTime();
        } else if (rc == RingWriter.FULL && System.nanoTime() - stuckSince < STUCK_NANOS) {
          bus.signalClient(pair.client());
          LockSupport.parkNanos(20_000L);
        } else {
          return; // our own write_index was rewritten into nonsense, or no progress at all
        }
      }
    }
  }

  /** The second host thread. */
  private final class Tamperer implements Runnable {
    private final Target target;
    private final Writer writer;
    private final SplittableRandom random = new SplittableRandom(13);

    Tamperer(Target target, Writer writer) {
      this.target = target;
      this.writer = writer;
    }

    @Override
    public void run() {
      ByteBuffer rx = bus.ringsOf(pair.client())[1];
      // Let traffic flow first, so the rewrites meet a ring in use.
      while (target != Target.PAYLOAD && writer.written.get() < 200 && !stop.get()) {
        LockSupport.parkNanos(20_000L);
      }
      tampering.set(true);
      int data = RingControlLayout.CONTROL_PAGE_SIZE;
      while (!stop.get()) {
        int slot = random.nextInt(DATA_SIZE / SLOT) * SLOT;
        switch (target) {
          case PAYLOAD -> {
            // Anywhere in a payload except its sequence number.
            for (int n = 0; n < 16; n++) {
              rx.put(data + slot + 16 + 8 + random.nextInt(PAYLOAD - 8), OVERWRITE);
            }
          }
          case DESCRIPTORS -> {
            int word = random.nextInt(4);
            int[] plausible = {6, 7, 9, 11, 2, 0x20, 0x1F, 0x21, 0x1_0000, -1};
            rx.putInt(data + slot + 4 * word, plausible[random.nextInt(plausible.length)]);
          }
          case INDICES -> {
            int valid = random.nextInt(DATA_SIZE / 8) * 8;
            int[] values = {valid, valid, valid, valid, valid, valid, DATA_SIZE, 13, -8};
            // write_index is the host's field; the guest's read_index is its own to keep.
            rx.putInt(RingControlLayout.WRITE_INDEX, values[random.nextInt(values.length)]);
          }
          default -> throw new AssertionError(target);
        }
        tampers.incrementAndGet();
        bus.signalClient(pair.client());
        if (target != Target.PAYLOAD) {
          LockSupport.parkNanos(20_000L); // let some packets through between rewrites
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Target.class)
  void rewritingTheRingWhileTheGuestReads(Target target) throws InterruptedException {
    Writer writer = new Writer();
    Thread writing = new Thread(writer, "hostile-writer");
    Thread tamperer = new Thread(new Tamperer(target, writer), "hostile-tamperer");
    EngineChannel client = (EngineChannel) pair.client();
    writing.start();
    tamperer.start();
    writing.join(TimeUnit.NANOSECONDS.toMillis(LIVENESS_NANOS));
    assertFalse(writing.isAlive(), "the host's writer hung");
    if (target == Target.PAYLOAD) {
      assertEquals(PACKETS, writer.written.get(), "the ring stopped moving");
      Await.until("every packet was delivered",
          () -> delivered.size() == PACKETS || client.corruption() != null);
    }
    stop.set(true);
    tamperer.join(TimeUnit.NANOSECONDS.toMillis(LIVENESS_NANOS));
    assertFalse(tamperer.isAlive());
    // Once the host is quiet the guest reads whatever the indices now say is there, to the end,
    // or poisons on the way.
    ByteBuffer rx = bus.ringsOf(pair.client())[1];
    Await.until("the guest read to the write index or poisoned", () -> {
      bus.signalClient(pair.client());
      return client.corruption() != null || rx.getInt(RingControlLayout.READ_INDEX)
          == rx.getInt(RingControlLayout.WRITE_INDEX);
    });

    assertEquals(List.of(), escaped, "an exception escaped to a thread");
    assertEquals(List.of(), problems);
    String corruption = client.corruption();
    long torn = delivered.stream().filter(p -> {
      for (int i = 8; i < p.length; i++) {
        if (p[i] == OVERWRITE) {
          return true;
        }
      }
      return false;
    }).count();
    System.out.println(target + ": " + writer.written.get() + " written, " + delivered.size()
        + " delivered (" + torn + " with rewritten bytes), " + tampers.get() + " rewrites, "
        + (corruption == null ? "healthy" : "poisoned: " + corruption));
    assertTrue(tampers.get() > 0, "the host never rewrote anything");
    if (target == Target.PAYLOAD) {
      assertNull(corruption, "payload bytes are the driver's business, not the ring's");
      assertEquals(PACKETS, delivered.size());
      for (int seq = 0; seq < PACKETS; seq++) {
        byte[] p = delivered.get(seq);
        assertEquals(PAYLOAD, p.length);
        ByteBuffer b = ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(seq, b.getLong(0), "delivered once, in order");
        for (int i = 8; i < PAYLOAD; i++) {
          int at = i;
          assertTrue(p[i] == patternAt(i) || p[i] == OVERWRITE,
              () -> "byte " + at + " of packet is neither the host's nor its rewrite");
        }
      }
    } else if (corruption != null) {
      assertFalse(corruption.isBlank(), "a poisoned channel says why");
      // The documented outcome of a poisoned channel: every later send fails at once.
      ByteBuffer request = ByteBuffer.allocate(8);
      UInt32Ref size = new UInt32Ref(8);
      assertEquals(NtStatus.STATUS_DATA_ERROR, VmbChannelSendSynchronousRequest(pair.client(),
          request, 8, null, VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, ByteBuffer.allocate(8),
          size, null));
    }
    for (byte[] p : delivered) {
      assertTrue(p.length <= DATA_SIZE);
    }
    assertArrayEquals(new Throwable[0], escaped.toArray(new Throwable[0]));
  }
}
