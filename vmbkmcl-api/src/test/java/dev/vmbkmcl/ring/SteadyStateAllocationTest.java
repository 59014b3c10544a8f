package dev.vmbkmcl.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The write and read paths allocate nothing once warm (counted by the JVM, not timed). */
class SteadyStateAllocationTest {
  private static final int PACKETS = 20_000;

  @Test
  void writeAndReadPathsDoNotAllocate() {
    assumeTrue(ManagementFactory.getThreadMXBean()
        instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(threads.isThreadAllocatedMemorySupported()
        && threads.isThreadAllocatedMemoryEnabled());

    Ring ring = TestRings.ring(TestRings.memory(16_384), 0, 0);
    RingWriter w = new RingWriter(ring);
    RingReader r = new RingReader(ring);
    IncomingPacket p = new IncomingPacket();
    GpaRangeList ranges = new GpaRangeList();
    ranges.add(100, 4000, 7L, 8L);
    ByteBuffer header = ByteBuffer.allocate(ranges.encodedSize());
    GpaDirect.encode(header, ranges);
    header.flip();
    ByteBuffer payload = ByteBuffer.allocate(300);

    traffic(w, r, p, header, payload); // warm up: class loading and VarHandle linkage allocate
    long tid = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(tid);
    long packets = traffic(w, r, p, header, payload);
    long allocated = threads.getThreadAllocatedBytes(tid) - before;

    assertEquals(PACKETS, packets);
    // Any per-packet object would cost at least 16 bytes x 20,000.
    assertTrue(allocated < 4096, allocated + " bytes allocated for " + packets + " packets");
  }

  private static long traffic(RingWriter w, RingReader r, IncomingPacket p, ByteBuffer header,
      ByteBuffer payload) {
    long read = 0;
    for (int i = 0; i < PACKETS; i++) {
      int rc = w.write(i % 2 == 0 ? 6 : 9, 1, i, i % 2 == 0 ? null : header, payload);
      if (rc == RingWriter.FULL) {
        w.requestSpace(PacketLayout.ringBytes(header.remaining(), payload.remaining()));
        r.maskInterrupts();
        while (r.read(p) == RingReader.PACKET) {
          read++;
        }
        r.commit();
        r.unmaskAndCheckEmpty();
        rc = w.write(i % 2 == 0 ? 6 : 9, 1, i, i % 2 == 0 ? null : header, payload);
        w.clearSpaceRequest();
      }
      if (rc != RingWriter.WRITTEN && rc != RingWriter.WRITTEN_SIGNAL) {
        throw new AssertionError("write " + i + " returned " + rc);
      }
    }
    while (r.read(p) == RingReader.PACKET) {
      read++;
    }
    r.commit();
    return read;
  }
}
