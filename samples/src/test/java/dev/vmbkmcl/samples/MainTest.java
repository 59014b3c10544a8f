package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the samples' main entry on the simulated backend and checks what a user would see. */
class MainTest {
  private static String[] run(String... args) throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), bytes.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void heartbeatNegotiatesAndAnswersEveryBeat() throws InterruptedException {
    String[] r = run("heartbeat", "--backend", "sim", "--beats", "7");
    assertEquals("0", r[0], r[1]);
    assertTrue(r[1].contains("guest: negotiated framework 3.0, heartbeat 3.0"), r[1]);
    assertTrue(r[1].contains("guest: heartbeat seq 16 -> answered 17"), r[1]);
    assertTrue(r[1].contains("guest: heartbeat seq 28 -> answered 29"), r[1]);
    assertTrue(r[1].contains("ok: 7 heartbeats answered"), r[1]);
  }

  @Test
  void anUnknownOptionIsAUsageError() throws InterruptedException {
    String[] r = run("--frobnicate");
    assertEquals("2", r[0]);
    assertTrue(r[1].startsWith("usage:"), r[1]);
  }

  @Test
  void anUnfinishedBackendFailsWithAOneLineReason() throws InterruptedException {
    String[] r = run("--backend", "hyperv");
    assertEquals("1", r[0]);
    assertEquals(1, r[1].strip().lines().count(), r[1]);
    assertTrue(r[1].startsWith("error: backend 'hyperv'"), r[1]);
  }
}
