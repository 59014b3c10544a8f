package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.ring.RingControlLayout;
import dev.vmbkmcl.ring.RingReader;
import dev.vmbkmcl.ring.RingWriter;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The host side of one fake uio device: it maps the same regular file the guest maps as map 0 (with
 * {@link FileChannel#map}), runs the server-side ring code on it (a {@link RingReader} on the guest's
 * TX ring, the first half; a {@link RingWriter} on the guest's RX ring, the second half), counts the
 * guest's doorbell writes from the {@code .doorbell} FIFO and rings the guest through the {@code
 * .interrupts} FIFO (ring reference §1.5, §3, §4.3).
 *
 * <p>Used by one thread at a time: the test thread, or one task handed over through a {@code
 * Future}. Waits are bounded by {@link #WAIT_SECONDS} and never spin.
 */
final class SimulatedHost implements AutoCloseable {
  /** Long, because only a failing test waits it out; a loaded 2-core machine must not. */
  static final int WAIT_SECONDS = 60;

  private static final VarHandle INT =
      MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int DOORBELL_POLL_MILLIS = 20;

  private final MappedByteBuffer map;
  private final int headerSize;
  /** For a sub-channel: the device whose FIFOs it shares; null for the primary. */
  private final @Nullable SimulatedHost parent;
  private final ByteBuffer txControl;
  private final ByteBuffer rxControl;
  private final Ring guestTx;
  private final Ring guestRx;
  private final int doorbellFd;
  private int interruptFd;
  private final Memory word = new Memory(4);
  private final Memory pollFd = new Memory(8);
  private final IncomingPacket incoming = new IncomingPacket();
  private @Nullable RingReader reader;
  private @Nullable RingWriter writer;
  private boolean remaskOnInterrupt;
  private int doorbells;
  private int interrupts;

  /** Maps {@code node} and opens the host ends of its two FIFOs; 4096-byte ring headers. */
  SimulatedHost(Path node, int mapSize) throws IOException {
    this(node, mapSize, RingControlLayout.CONTROL_PAGE_SIZE);
  }

  /**
   * As {@link #SimulatedHost(Path, int)} with ring headers of {@code headerSize} bytes, as a kernel
   * with pages of that size lays them out (a 64 KiB-page arm64 guest, reference §0).
   */
  SimulatedHost(Path node, int mapSize, int headerSize) throws IOException {
    this.parent = null;
    this.headerSize = headerSize;
    try (FileChannel file =
        FileChannel.open(node, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      map = file.map(FileChannel.MapMode.READ_WRITE, 0, mapSize);
    }
    int ringSize = mapSize / 2;
    ByteBuffer tx = map.slice(0, ringSize).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer rx = map.slice(ringSize, ringSize).order(ByteOrder.LITTLE_ENDIAN);
    txControl = tx;
    rxControl = rx;
    guestTx = Ring.wrap(tx, headerSize);
    guestRx = Ring.wrap(rx, headerSize);
    // Read-only and non-blocking: opening needs no writer, and the guest's last close shows POLLHUP.
    doorbellFd = open(node + StandInDoorbells.DOORBELL_SUFFIX, LibC.O_RDONLY | LibC.O_NONBLOCK);
    // The only writer of the interrupts FIFO: closing it is the rescind the guest sees (POLLHUP).
    interruptFd = open(node + StandInDoorbells.INTERRUPTS_SUFFIX, LibC.O_RDWR);
  }

  /** A sub-channel's host side: its own ring file, the parent's doorbell and interrupt FIFOs. */
  private SimulatedHost(SimulatedHost parent, Path ringFile, int mapSize) throws IOException {
    this.parent = parent;
    this.headerSize = parent.headerSize;
    try (FileChannel file =
        FileChannel.open(ringFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      map = file.map(FileChannel.MapMode.READ_WRITE, 0, mapSize);
    }
    int ringSize = mapSize / 2;
    txControl = map.slice(0, ringSize).order(ByteOrder.LITTLE_ENDIAN);
    rxControl = map.slice(ringSize, ringSize).order(ByteOrder.LITTLE_ENDIAN);
    guestTx = Ring.wrap(txControl, headerSize);
    guestRx = Ring.wrap(rxControl, headerSize);
    doorbellFd = parent.doorbellFd;
    interruptFd = -1;
  }

  /**
   * The host side of a sub-channel of this device over {@code ringFile} (§4.5): interrupts go
   * through this device's counter, doorbells arrive on its FIFO. Call {@link #openChannel} on it
   * (the kernel opens a sub-channel itself) before the guest sees the file.
   */
  SimulatedHost subchannel(Path ringFile, int mapSize) throws IOException {
    return new SimulatedHost(this, ringFile, mapSize);
  }

  private static int open(String path, int flags) throws IOException {
    int fd = LibC.open(path, flags | LibC.O_CLOEXEC);
    if (fd < 0) {
      throw new IOException("open " + path + ": " + LibC.errnoName(LibC.errno()));
    }
    return fd;
  }

  /**
   * What the guest kernel does when the first descriptor of {@code /dev/uioN} opens (§1.7): both
   * control pages zeroed, feature bit 0 set on both rings. With {@code oldKernel}, it also behaves
   * as kernels before the late-2025 change do (§4.3, §4.7): RX masked right after open and again on
   * every interrupt, so the guest has to unmask before each wait.
   */
  SimulatedHost openChannel(boolean oldKernel) {
    guestTx.initialize(true);
    guestRx.initialize(true);
    remaskOnInterrupt = oldKernel;
    if (oldKernel) {
      INT.setVolatile(rxControl, RingControlLayout.INTERRUPT_MASK, 1);
    }
    reader = new RingReader(guestTx);
    writer = new RingWriter(guestRx);
    return this;
  }

  private RingReader reader() {
    RingReader r = reader;
    if (r == null) {
      throw new IllegalStateException("openChannel first");
    }
    return r;
  }

  private RingWriter writer() {
    RingWriter w = writer;
    if (w == null) {
      throw new IllegalStateException("openChannel first");
    }
    return w;
  }

  // ---- host to guest ------------------------------------------------------------------------

  /**
   * Writes one packet into the guest's RX ring and, when §3.3 says so, rings the guest.
   *
   * @return the writer's result ({@link RingWriter#WRITTEN_SIGNAL}, {@link RingWriter#FULL}, ...)
   */
  int send(int type, int flags, long transactionId, byte[] payload) {
    return send(type, flags, transactionId, null, payload);
  }

  /** As {@link #send(int, int, long, byte[])} with a type-specific header (§2.7, §2.8). */
  int send(int type, int flags, long transactionId, byte @Nullable [] typeHeader, byte[] payload) {
    ByteBuffer header = typeHeader == null ? null : ByteBuffer.wrap(typeHeader);
    int rc = writer().write(type, flags, transactionId, header, ByteBuffer.wrap(payload));
    if (rc == RingWriter.WRITTEN_SIGNAL) {
      interruptGuest();
    }
    return rc;
  }

  /**
   * Waits until the guest has unmasked its incoming ring, as it does before it parks. A write while
   * the guest still reads (ring masked) is read without a signal, by the rules (§3.3); a test that
   * wants the signal path writes once the guest listens.
   */
  void awaitGuestListening() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (guestRx.interruptMask() != 0) {
      assertTrue(System.nanoTime() < deadline, "the guest never unmasked its incoming ring");
      Thread.sleep(1);
    }
  }

  /** §3.4: publishes {@code pending_send_sz}; true when the packet fits after all. */
  boolean requestSpace(int ringBytes) {
    return writer().requestSpace(ringBytes);
  }

  /** §3.4: clears {@code pending_send_sz} after the waiting packet went in. */
  void clearSpaceRequest() {
    writer().clearSpaceRequest();
  }

  /** The guest's interrupt: the s32 count of interrupts so far into the interrupts FIFO. */
  private void interruptGuest() {
    if (remaskOnInterrupt) {
      INT.setVolatile(rxControl, RingControlLayout.INTERRUPT_MASK, 1);
    }
    if (parent != null) {
      parent.countInterrupt();
    } else {
      countInterrupt();
    }
  }

  private void countInterrupt() {
    word.setInt(0, ++interrupts);
    assertEquals(4, LibC.write(interruptFd, word, 4), "write to the interrupts FIFO");
  }

  /**
   * Writes one packet into the guest's RX ring and never interrupts the guest, as when the kernel
   * keeps a sub-channel's interrupt masked (§4.5): only a guest that polls finds it.
   */
  int sendWithoutInterrupt(int type, long transactionId, byte[] payload) {
    return writer().write(type, 0, transactionId, null, ByteBuffer.wrap(payload));
  }

  /** Interrupts sent to the guest so far. */
  int interruptsSent() {
    return interrupts;
  }

  /** True once the guest has read every interrupt count written to it. */
  boolean guestReadEveryInterrupt() {
    return !readable(interruptFd, 0);
  }

  /** The host rescinds the channel: its end of the interrupts FIFO closes (POLLHUP at the guest). */
  void rescind() {
    LibC.close(interruptFd);
    interruptFd = -1;
  }

  // ---- guest to host ------------------------------------------------------------------------

  /**
   * The next packet the guest wrote into its TX ring, read and committed with the server-side ring
   * code (a completion owed to a blocked guest writer rings it, §3.6). Waits on the doorbell, and
   * looks at the ring at least every 20 ms because a correct guest does not ring when the host's
   * TX mask is set (§3.3).
   */
  HostPacket awaitPacket() {
    RingReader r = reader();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      int rc = r.read(incoming);
      assertTrue(rc != RingReader.CORRUPT, () -> "guest TX ring is corrupt: " + r.corruption());
      if (rc == RingReader.PACKET) {
        ByteBuffer copy = incoming.buffer();
        byte[] bytes = new byte[incoming.len8() * 8];
        copy.get(0, bytes);
        HostPacket packet = new HostPacket(incoming.type(), incoming.flags(),
            incoming.transactionId(), incoming.offset8(), bytes);
        if (r.commit()) {
          interruptGuest();
        }
        return packet;
      }
      assertTrue(System.nanoTime() < deadline, "no packet from the guest within the deadline");
      waitForDoorbell(DOORBELL_POLL_MILLIS);
    }
  }

  /** True when the guest's TX ring holds no unread packet. */
  boolean txEmpty() {
    return reader().isEmpty();
  }

  /**
   * Doorbell writes seen so far: reads every pending one (each must be the s32 value 1, §4.3) and
   * adds them to those already consumed while waiting.
   */
  int doorbells() {
    while (LibC.read(doorbellFd, word, 4) == 4) {
      assertEquals(1, word.getInt(0), "the guest's doorbell write must be the s32 value 1");
      doorbells++;
    }
    return doorbells;
  }

  /** Waits up to {@code millis} for a doorbell write and counts what arrived. */
  void waitForDoorbell(int millis) {
    short revents = revents(doorbellFd, millis);
    if ((revents & LibC.POLLHUP) != 0 && (revents & LibC.POLLIN) == 0) {
      // The guest closed its end: poll returns at once, so wait here instead of spinning.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }
    doorbells();
  }

  /** Waits until the guest has rung at least {@code count} times in total. */
  void awaitDoorbells(int count) {
    awaitTrue(() -> {
      waitForDoorbell(DOORBELL_POLL_MILLIS);
      return doorbells >= count;
    }, "the guest to ring the doorbell " + count + " time(s)");
  }

  /** True once the guest closed its doorbell descriptor (the uio device was closed). */
  boolean guestClosedDoorbell() {
    doorbells();
    return (revents(doorbellFd, 0) & LibC.POLLHUP) != 0;
  }

  private boolean readable(int fd, int millis) {
    return (revents(fd, millis) & LibC.POLLIN) != 0;
  }

  private short revents(int fd, int millis) {
    pollFd.setInt(0, fd);
    pollFd.setShort(4, LibC.POLLIN);
    pollFd.setShort(6, (short) 0);
    int ready = LibC.poll(pollFd, 1, millis);
    return ready > 0 ? pollFd.getShort(6) : 0;
  }

  // ---- control fields and raw bytes (volatile reads of the shared file) ---------------------

  /** The guest TX ring: the host consumes it. */
  Ring guestTx() {
    return guestTx;
  }

  /** The guest RX ring: the host produces into it. */
  Ring guestRx() {
    return guestRx;
  }

  /** The host's TX {@code interrupt_mask} (the host owns it as the consumer, §1.2). */
  void setTxInterruptMask(int mask) {
    INT.setVolatile(txControl, RingControlLayout.INTERRUPT_MASK, mask);
  }

  /** Bytes of the guest TX data area, {@code [offset, offset + length)}, as the file holds them. */
  byte[] txData(int offset, int length) {
    byte[] bytes = new byte[length];
    map.get(headerSize + offset, bytes);
    return bytes;
  }

  /** Bytes {@code [offset, offset + length)} of the whole mapped file (map 0), as it holds them. */
  byte[] mapBytes(int offset, int length) {
    byte[] bytes = new byte[length];
    map.get(offset, bytes);
    return bytes;
  }

  /** Waits, parking between checks, until {@code condition} holds; fails after the deadline. */
  static void awaitTrue(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, () -> "timed out waiting for " + what);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  @Override
  public void close() {
    if (parent != null) {
      word.close();
      pollFd.close();
      return;
    }
    LibC.close(doorbellFd);
    if (interruptFd >= 0) {
      LibC.close(interruptFd);
    }
    word.close();
    pollFd.close();
  }

  /** One packet the guest wrote, copied out of the ring. */
  static final class HostPacket {
    private final int type;
    private final int flags;
    private final long transactionId;
    private final int offset8;
    private final byte[] bytes;

    HostPacket(int type, int flags, long transactionId, int offset8, byte[] bytes) {
      this.type = type;
      this.flags = flags;
      this.transactionId = transactionId;
      this.offset8 = offset8;
      this.bytes = bytes.clone();
    }

    int type() {
      return type;
    }

    int flags() {
      return flags;
    }

    long transactionId() {
      return transactionId;
    }

    /** The whole packet, descriptor and padding included, trailer excluded. */
    byte[] bytes() {
      return bytes.clone();
    }

    /** The payload, padding included (§2.2). */
    byte[] payload() {
      return Arrays.copyOfRange(bytes, offset8 * 8, bytes.length);
    }
  }
}
