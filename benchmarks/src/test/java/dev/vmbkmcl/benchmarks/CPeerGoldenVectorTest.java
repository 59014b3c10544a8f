package dev.vmbkmcl.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C peer writes and reads the VMBus ring format byte for byte as the ring reference's test
 * vectors (§8.1–§8.7, typed in from the reference) say, so the benchmark compares the SDK with a
 * peer doing the same work. Compiles {@code src/main/c/vmbring.c} itself; skipped without gcc.
 */
class CPeerGoldenVectorTest {
  private static final int DSIZE = 4096;
  private static final long TRANS = 0x1122334455667788L;
  private static final byte[] FIVE = {1, 2, 3, 4, 5};

  @TempDir
  @SuppressWarnings("NullAway.Init") // JUnit injects it before @BeforeAll
  static Path build;

  @BeforeAll
  static void compile() throws IOException, InterruptedException {
    Path library = build.resolve("libvmbring.so");
    Process gcc;
    try {
      gcc = new ProcessBuilder("gcc", "-O2", "-shared", "-fPIC", "-pthread", "-o",
          library.toString(), Path.of("src/main/c/vmbring.c").toAbsolutePath().toString())
          .inheritIO().start();
    } catch (IOException e) {
      assumeTrue(false, "gcc is not installed: " + e.getMessage());
      return;
    }
    assumeTrue(gcc.waitFor(120, TimeUnit.SECONDS), "gcc did not finish");
    assertEquals(0, gcc.exitValue(), "gcc failed on vmbring.c");
    System.setProperty(CPeerLibrary.PROPERTY, library.toString());
  }

  /** A ring with a 4096-byte data area: control page zeroed, feature bit set, both indices at. */
  private static Memory ring(int at) {
    Memory m = new Memory(4096 + DSIZE);
    m.clear();
    m.setInt(0, at);
    m.setInt(4, at);
    m.setInt(64, 1);
    return m;
  }

  /** Bytes written as in the reference: two hex digits each, separated by spaces. */
  private static byte[] hex(String bytes) {
    String digits = bytes.replace(" ", "");
    byte[] b = new byte[digits.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return b;
  }

  private static byte[] data(Pointer ring, int offset, int length) {
    return ring.getByteArray(4096 + offset, length);
  }

  private static int write(Pointer ring, int type, long trans, byte[] payload) {
    return CPeer.vmbr_write_one(ring, DSIZE, type, 0, trans, payload, payload.length);
  }

  @Test
  void inbandPacketAtZeroMatches81AndSignals() {
    Memory r = ring(0);
    assertEquals(CPeer.WRITTEN_SIGNAL, write(r, 6, TRANS, FIVE));
    assertArrayEquals(hex("06 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 00 00 00 00"), data(r, 0, 32));
    // §8.2: the control page of a ring after that write (r 0, mask 0, pending 0, feature 1).
    byte[] control = new byte[0x44];
    control[0] = 0x20;
    control[0x40] = 1;
    assertArrayEquals(control, r.getByteArray(0, 0x44));
  }

  @Test
  void secondPacketMatches82WithItsTrailerAndNoSignal() {
    Memory r = ring(0);
    write(r, 6, TRANS, FIVE);
    assertEquals(CPeer.WRITTEN, write(r, 6, TRANS + 1, FIVE));
    assertArrayEquals(hex("06 00 02 00 03 00 00 00 89 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 20 00 00 00"), data(r, 0x20, 32));
    assertEquals(0x40, r.getInt(0));
  }

  @Test
  void wrapAfterTheDescriptorMatches83AndReadsBack() {
    Memory r = ring(0xFF0);
    assertEquals(CPeer.WRITTEN_SIGNAL, write(r, 6, TRANS, FIVE));
    assertArrayEquals(hex("06 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"), data(r, 0xFF0, 16));
    assertArrayEquals(hex("01 02 03 04 05 00 00 00 00 00 00 00 f0 0f 00 00"), data(r, 0, 16));
    assertEquals(0x10, r.getInt(0));
    byte[] out = new byte[64];
    int[] info = new int[5];
    long[] trans = new long[1];
    assertEquals(CPeer.PACKET, CPeer.vmbr_read_one(r, DSIZE, out, out.length, info, trans));
    assertArrayEquals(new int[] {6, 2, 3, 0, 0}, info);
    assertEquals(TRANS, trans[0]);
    assertArrayEquals(hex("01 02 03 04 05 00 00 00"), Arrays.copyOfRange(out, 16, 24));
    assertEquals(0x10, r.getInt(4));
  }

  @Test
  void wrapInsideTheDescriptorMatches84() {
    Memory r = ring(0xFF8);
    write(r, 6, TRANS, FIVE);
    assertArrayEquals(hex("06 00 02 00 03 00 00 00"), data(r, 0xFF8, 8));
    assertArrayEquals(hex("88 77 66 55 44 33 22 11"
        + " 01 02 03 04 05 00 00 00 00 00 00 00 f8 0f 00 00"), data(r, 0, 24));
    assertEquals(0x18, r.getInt(0));
  }

  @Test
  void fullRingBoundaryMatches85() {
    Memory r = ring(0);
    r.setInt(0, 4064);
    assertEquals(CPeer.FULL, write(r, 6, TRANS, FIVE));
    assertEquals(4064, r.getInt(0));
    r.setInt(0, 4056);
    assertEquals(CPeer.WRITTEN, write(r, 6, TRANS, FIVE));
    assertEquals(4088, r.getInt(0));
  }

  /** §8.6: after consuming, signal the writer only if free space crossed its pending_send_sz. */
  private static int consumeAndSignal(int readIndex, int writeIndex, int pending) {
    Memory r = ring(readIndex);
    write(r, 6, TRANS, FIVE); // a 32-byte packet at readIndex
    r.setInt(0, writeIndex);
    r.setInt(12, pending);
    int[] info = new int[5];
    assertEquals(CPeer.PACKET, CPeer.vmbr_read_one(r, DSIZE, new byte[64], 64, info, new long[1]));
    assertEquals(readIndex + 32, r.getInt(4));
    return info[4];
  }

  @Test
  void pendingSendSizeDecisionsMatch86() {
    assertEquals(1, consumeAndSignal(0, 4032, 72), "64 <= 72 < 96");
    assertEquals(0, consumeAndSignal(0, 4032, 96), "96 is not > 96");
    assertEquals(1, consumeAndSignal(32, 4032, 96), "96 <= 96 < 128");
    assertEquals(0, consumeAndSignal(0, 3896, 72), "the writer was not blocked: 200 > 72");
    assertEquals(0, consumeAndSignal(0, 4032, 0), "nobody waits");
  }

  @Test
  void completionPacketMatches87() {
    Memory r = ring(0);
    write(r, 0x0B, TRANS, new byte[4]);
    assertArrayEquals(hex("0b 00 02 00 03 00 00 00 88 77 66 55 44 33 22 11"
        + " 00 00 00 00 00 00 00 00"), data(r, 0, 24));
  }

  @Test
  void aDescriptorWithOffset8BelowTwoIsRefused() {
    Memory r = ring(0);
    write(r, 6, TRANS, FIVE);
    r.setShort(4096 + 2, (short) 1);
    assertEquals(2, CPeer.vmbr_read_one(r, DSIZE, new byte[64], 64, new int[5], new long[1]));
    assertEquals(0, r.getInt(4), "nothing consumed");
  }

  @Test
  void streamDeliversEveryPacketInOrderAcrossWrapsUnderEveryPolicy() {
    long n = 2_000;
    // 4 KiB payloads through a 16 KiB data area: the ring wraps and fills over and over, so the
    // futex variant sleeps on both doorbells (data and pending_send_sz space) many times.
    for (int wait : new int[] {CPeer.WAIT_POLL, CPeer.WAIT_FUTEX}) {
      for (int consume : new int[] {CPeer.CONSUME_COPY, CPeer.CONSUME_IN_PLACE}) {
        assertEquals(n * (n - 1) / 2, CPeer.vmbr_stream(16 * 1024, 4096, n, wait, consume),
            "wait " + wait + ", consume " + consume);
      }
    }
  }

  @Test
  void streamRefusesAnUnknownPolicy() {
    assertEquals(-1, CPeer.vmbr_stream(16 * 1024, 64, 10, 7, CPeer.CONSUME_COPY));
    assertEquals(-1, CPeer.vmbr_stream(16 * 1024, 64, 10, CPeer.WAIT_POLL, 7));
  }

  @Test
  void pingPongTimesEveryRoundTripInC() {
    for (int wait : new int[] {CPeer.WAIT_POLL, CPeer.WAIT_FUTEX}) {
      long[] samples = new long[300];
      long elapsed = CPeer.vmbr_pingpong_run(4096, 64, samples.length, wait, samples);
      assertTrue(elapsed > 0, "wait " + wait + ": elapsed " + elapsed);
      // One clock read per round trip: the samples add up to the elapsed time exactly.
      assertEquals(elapsed, Arrays.stream(samples).sum(), "wait " + wait);
      assertTrue(Arrays.stream(samples).allMatch(s -> s > 0), "every round trip took time");
    }
  }
}
