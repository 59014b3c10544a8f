package dev.vmbkmcl.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmbkmcl.ring.GpaDirect;
import dev.vmbkmcl.ring.GpaRangeList;
import dev.vmbkmcl.ring.IncomingPacket;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.Ring;
import dev.vmbkmcl.ring.RingReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The packet checks of {@link RingReader#read}, one fuzz test per packet type (reference §2.4):
 * one packet with an arbitrary descriptor, type header and payload sits at an arbitrary place of a
 * 4096-byte data area (wrapping where it must), published in full, short or with extra bytes, and
 * followed by whatever trailer the peer left. The reader's verdict and the packet it returns must
 * be {@link RingOracle}'s; the trailer is never checked (§2.3), so a lying trailer changes nothing.
 *
 * <p>Input layout (little-endian; missing bytes read as 0): {@code u16 offset8, u16 len8, u16
 * flags, u16 start (the packet starts at 8 * (start % 512)), u64 trans_id, u8 published (the
 * writer publishes the packet and trailer plus 8 * (published % 5 - 2) bytes)}, then the packet's
 * bytes from offset 16 on. {@link #anyType} reads a u16 type first.
 */
class PacketParserFuzzTest {
  private static final int DATA_SIZE = 4096;
  private static final byte FILL = (byte) 0xEE;

  @FuzzTest(maxDuration = "2m")
  void inband(byte[] input) {
    check(PacketLayout.TYPE_INBAND, new FuzzBytes(input));
  }

  @FuzzTest(maxDuration = "2m")
  void transferPages(byte[] input) {
    check(PacketLayout.TYPE_TRANSFER_PAGES, new FuzzBytes(input));
  }

  @FuzzTest(maxDuration = "2m")
  void gpaDirect(byte[] input) {
    check(PacketLayout.TYPE_GPA_DIRECT, new FuzzBytes(input));
  }

  @FuzzTest(maxDuration = "2m")
  void completion(byte[] input) {
    check(PacketLayout.TYPE_COMPLETION, new FuzzBytes(input));
  }

  /** Every other u16 type: legacy types and unknown values are corruption (§2.4). */
  @FuzzTest(maxDuration = "2m")
  void anyType(byte[] input) {
    FuzzBytes in = new FuzzBytes(input);
    check(in.u16(), in);
  }

  private static void check(int type, FuzzBytes in) {
    int offset8 = in.u16();
    int len8 = in.u16();
    int flags = in.u16();
    int start = 8 * (in.u16() % (DATA_SIZE / 8));
    long transactionId = in.u64();
    int slack = 8 * (in.u8() % 5 - 2);
    byte[] body = in.rest();

    ByteBuffer memory =
        ByteBuffer.allocate(RingOracle.CONTROL + DATA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    Arrays.fill(memory.array(), RingOracle.CONTROL, memory.capacity(), FILL);
    Ring.wrap(memory).initialize(true);
    ByteBuffer descriptor = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    descriptor.putShort(0, (short) type).putShort(2, (short) offset8).putShort(4, (short) len8)
        .putShort(6, (short) flags).putLong(8, transactionId);
    put(memory, start, descriptor.array());
    int bodyLength = Math.max(0, Math.min(body.length, 8 * len8 - 16));
    put(memory, start + 16, Arrays.copyOf(body, bodyLength));
    long published = Math.max(0, Math.min(DATA_SIZE - 8, 8L * len8 + 8 + slack));
    memory.putInt(0, (int) ((start + published) % DATA_SIZE));
    memory.putInt(4, start);

    RingOracle.Verdict expected = RingOracle.read(memory, start);
    RingReader reader = new RingReader(Ring.wrap(memory));
    IncomingPacket packet = new IncomingPacket();
    int rc = reader.read(packet);
    assertEquals(RingOracle.readerCode(expected.kind()), rc, () -> "type " + type + ", offset8 "
        + offset8 + ", len8 " + len8 + ", flags " + flags + ": " + reader.corruption());
    if (rc != RingReader.PACKET) {
      return;
    }
    assertEquals(type, packet.type());
    assertEquals(offset8, packet.offset8());
    assertEquals(len8, packet.len8());
    assertEquals(flags, packet.flags());
    assertEquals(transactionId, packet.transactionId());
    byte[] got = new byte[packet.buffer().limit()];
    packet.buffer().get(0, got);
    assertArrayEquals(expected.packet(), got);
    if (type == PacketLayout.TYPE_GPA_DIRECT) {
      assertEquals(GpaDirect.VALID,
          GpaDirect.decode(packet.buffer(), packet.payloadOffset(), new GpaRangeList()));
    }
    // Whatever the writer published past the packet is judged on its own.
    RingOracle.Verdict after = RingOracle.read(memory, expected.next());
    int next = reader.read(packet);
    assertEquals(RingOracle.readerCode(after.kind()), next,
        "slack of " + slack + " bytes after the packet");
  }

  /** Writes {@code bytes} into the data area at {@code at}, wrapping at its end. */
  private static void put(ByteBuffer memory, int at, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      memory.put(RingOracle.CONTROL + (at + i) % DATA_SIZE, bytes[i]);
    }
  }
}
