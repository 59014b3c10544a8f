package dev.vmbkmcl.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one pcapng file (section header, interface descriptions, enhanced packet blocks) from any
 * number of channel taps at once. Records are assembled in a 1 MiB buffer under this writer's lock
 * and written to the file when it fills, at every state change and at {@link #close()}; so a
 * record costs a copy, never a system call, except when the buffer fills. An I/O failure stops the
 * capture (later records are dropped, {@link #failure()} says why); it never reaches the channel.
 */
public final class PcapngWriter implements Closeable {
  private static final int SHB = 0x0A0D0D0A;
  private static final int IDB = 0x00000001;
  private static final int EPB = 0x00000006;
  private static final int BUFFER = 1 << 20;
  /** The largest record: a 16-bit len8 packet plus the record header. */
  static final int MAX_RECORD = 524_280 + TapRecord.HEADER_SIZE;

  private final FileChannel file;
  private final ByteBuffer out = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
  private final long epochNanosAtStart;
  private final long nanoTimeAtStart;
  private int interfaces;
  private long dropped;
  private boolean closed;
  private String failure = "";

  private PcapngWriter(FileChannel file) {
    this.file = file;
    this.epochNanosAtStart = System.currentTimeMillis() * 1_000_000L;
    this.nanoTimeAtStart = System.nanoTime();
    writeSectionHeader();
  }

  /**
   * Creates (or truncates) {@code path} and writes the section header.
   *
   * @param path the capture file
   * @return the writer
   * @throws IOException when the file cannot be created
   */
  public static PcapngWriter create(Path path) throws IOException {
    return new PcapngWriter(FileChannel.open(path, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
  }

  private void writeSectionHeader() {
    byte[] app = "vmbkmcl".getBytes(StandardCharsets.US_ASCII);
    int options = option(app.length) + 4;
    int length = 28 + options;
    out.putInt(SHB).putInt(length).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
        .putLong(-1L);
    putOption(4, app); // shb_userappl
    out.putInt(0).putInt(length);
  }

  /**
   * Adds one interface (one channel) and returns its id for {@link #record}.
   *
   * @param name the interface name ({@code if_name})
   * @param description the interface description ({@code if_description})
   * @return the interface id, counting from 0 in the order added
   */
  public synchronized int addInterface(String name, String description) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] d = description.getBytes(StandardCharsets.UTF_8);
    int length = 20 + option(n.length) + option(d.length) + option(1) + 4;
    ensure(length);
    out.putInt(IDB).putInt(length).putShort((short) TapRecord.LINKTYPE).putShort((short) 0)
        .putInt(0);
    putOption(2, n);
    putOption(3, d);
    putOption(9, new byte[] {9}); // if_tsresol: 10^-9 s
    out.putInt(0).putInt(length);
    return interfaces++;
  }

  /**
   * Appends one record: the {@link TapRecord} header, then {@code bodyLength} bytes of {@code body}
   * from {@code bodyOffset}, wrapping from {@code body.capacity()} back to 0 (a ring's data area).
   *
   * @param iface the interface id from {@link #addInterface}
   * @param direction {@link TapRecord#INBOUND}, {@link TapRecord#OUTBOUND} or 0
   * @param kind a {@code TapRecord.KIND_*} value
   * @param a the header's first u64
   * @param b the header's second u64
   * @param body the body's bytes, or null for none
   * @param bodyOffset the first body byte in {@code body}
   * @param bodyLength body bytes, 0 to {@link #MAX_RECORD} minus the header
   */
  public synchronized void record(int iface, int direction, int kind, long a, long b,
      java.nio.@org.jspecify.annotations.Nullable ByteBuffer body, int bodyOffset, int bodyLength) {
    if (closed || !failure.isEmpty()) {
      dropped++;
      return;
    }
    if (bodyLength < 0 || bodyLength > MAX_RECORD - TapRecord.HEADER_SIZE
        || (body == null && bodyLength != 0)) {
      throw new IllegalArgumentException("PcapngWriter.record: body of " + bodyLength + " bytes");
    }
    long t = epochNanosAtStart + (System.nanoTime() - nanoTimeAtStart);
    int data = TapRecord.HEADER_SIZE + bodyLength;
    int padded = (data + 3) & ~3;
    int length = 28 + padded + 8 + 4 + 4;
    ensure(length);
    out.putInt(EPB).putInt(length).putInt(iface).putInt((int) (t >>> 32)).putInt((int) t)
        .putInt(data).putInt(data);
    out.put((byte) kind).put((byte) TapRecord.VERSION).putShort((short) TapRecord.HEADER_SIZE)
        .putInt(0).putLong(a).putLong(b);
    if (body != null && bodyLength > 0) {
      int first = Math.min(bodyLength, body.capacity() - bodyOffset);
      out.put(out.position(), body, bodyOffset, first);
      out.position(out.position() + first);
      if (first < bodyLength) {
        out.put(out.position(), body, 0, bodyLength - first);
        out.position(out.position() + bodyLength - first);
      }
    }
    for (int i = data; i < padded; i++) {
      out.put((byte) 0);
    }
    out.putShort((short) 2).putShort((short) 4).putInt(direction); // epb_flags
    out.putInt(0).putInt(length);
  }

  /** Writes what is buffered to the file (the taps call it at every state change). */
  public synchronized void flush() {
    if (!closed) {
      drain();
    }
  }

  /** Records dropped because the writer was closed or had failed. */
  public synchronized long dropped() {
    return dropped;
  }

  /** Why the capture stopped, or the empty string while it runs. */
  public synchronized String failure() {
    return failure;
  }

  /**
   * Writes what is buffered and closes the file; later records are dropped.
   *
   * @throws IOException when the last write or the close fails
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    drain();
    closed = true;
    file.close();
    if (!failure.isEmpty()) {
      throw new IOException("capture failed: " + failure);
    }
  }

  private void ensure(int bytes) {
    if (out.remaining() < bytes) {
      drain();
    }
  }

  private void drain() {
    out.flip();
    try {
      while (out.hasRemaining() && failure.isEmpty()) {
        file.write(out);
      }
    } catch (IOException | UncheckedIOException e) {
      failure = String.valueOf(e);
    }
    out.clear();
  }

  private static int option(int valueLength) {
    return 4 + ((valueLength + 3) & ~3);
  }

  private void putOption(int code, byte[] value) {
    out.putShort((short) code).putShort((short) value.length).put(value);
    for (int i = value.length; i % 4 != 0; i++) {
      out.put((byte) 0);
    }
  }
}
