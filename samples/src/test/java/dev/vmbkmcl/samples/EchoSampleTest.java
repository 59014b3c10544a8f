package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The echo sample: synchronous requests, the GPADL checksum, and the printed figures. */
class EchoSampleTest {
  @Test
  void echoesEveryRequestAndMatchesTheGpadlChecksum() throws InterruptedException {
    SampleRun r = SampleRun.of("echo", "--count", "200", "--size", "100");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.hasLine("guest: sending 200 synchronous requests of 100 bytes"), r::toString);
    CRC32 crc = new CRC32();
    for (int i = 0; i < EchoGuest.SHARED_BYTES; i++) {
      crc.update((byte) (i * 31 + 7));
    }
    String checksum = String.format("CRC-32 0x%08x, same as ours", crc.getValue());
    assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("guest: the host read the 65536-byte"
        + " buffer shared as GPADL ") && l.endsWith(checksum)), r::toString);
    assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("guest: 200 round trips: min ")),
        r::toString);
    assertTrue(r.hasLine("ok: 200 echoes identical to their requests, and the GPADL checksum"
        + " matched"), r::toString);
  }

  @Test
  void payloadsOfEverySizeModulo8AndTheLargestComeBackExactly() throws InterruptedException {
    for (String size : new String[] {"1", "2", "3", "4", "5", "6", "7", "8", "4096"}) {
      SampleRun r = SampleRun.of("echo", "--count", "3", "--size", size);
      assertEquals(0, r.exitCode(), r::toString);
    }
  }

  @Test
  void onHypervItIsAUsageErrorThatSaysWhy() throws InterruptedException {
    SampleRun r = SampleRun.of("echo", "--backend", "hyperv");
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.output().startsWith("error: echo runs on the simulated backend only"),
        r::toString);
  }

  @Test
  void figuresAreMinimumMedianAndMaximum() {
    RoundTripFigures f = RoundTripFigures.of(new long[] {5_000, 1_000, 4_000, 2_000, 3_500});
    assertEquals(new RoundTripFigures(5, 1_000, 3_500, 5_000), f);
    assertEquals("5 round trips: min 1.0 us, median 3.5 us, max 5.0 us", f.describe());
    assertThrows(IllegalArgumentException.class, () -> RoundTripFigures.of(new long[0]));
  }
}
