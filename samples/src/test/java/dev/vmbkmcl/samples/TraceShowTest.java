package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trace show FILE} and {@code --trace FILE}. */
class TraceShowTest {
  @TempDir Path dir;

  private static List<String> packets(SampleRun r) {
    return r.lines().stream().filter(l -> l.contains(" inband ") || l.contains(" completion "))
        .toList();
  }

  @Test
  void decodesTheRealHostsSessionFromTheLab() throws Exception {
    SampleRun r = SampleRun.of("trace", "show", TracedRun.labCapture().toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals("#0 vmbus/null class=525074dc-8985-46e2-8057-a307dc18a502 instance=null"
        + " side=guest", r.lines().get(0));
    List<String> p = packets(r);
    assertTrue(p.get(0).endsWith("guest out inband flags=0x0 txid=0x0 offset8=2 len8=4 payload=16"
        + " | dm version_request size=16 dmtxid=1 version=2.0 last_attempt=0 [ring 0->40]"), p::toString);
    // QEMU puts the DM trans_id into the descriptor's transaction id (reference §8.13).
    assertTrue(p.get(1).contains("guest in  inband flags=0x0 txid=0x1 offset8=2 len8=4"
        + " payload=16 | dm version_response size=16 dmtxid=1 accepted=1"), p::toString);
    assertTrue(p.stream().anyMatch(l -> l.contains("| dm balloon_request size=16 dmtxid=0"
        + " pages=131072")), p::toString);
    assertTrue(p.stream().anyMatch(l -> l.contains("guest out inband")
        && l.contains("| dm balloon_response size=16 dmtxid=0 more=0 ranges=0")), p::toString);
    assertTrue(r.hasLine("518 records, 1 channels"), r::toString);
  }

  @Test
  void traceRecordsBothEndsOfASimulatedSession() throws Exception {
    Path file = dir.resolve("hb.pcapng");
    SampleRun run = TracedRun.of(file, "heartbeat", "--beats", "3");
    assertEquals(0, run.exitCode(), run::toString);
    SampleRun r = SampleRun.of("trace", "show", file.toString());
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("#") && l.contains("side=host")));
    assertTrue(r.lines().stream().anyMatch(l -> l.startsWith("#") && l.contains("side=guest")));
    long guestBeats = r.lines().stream()
        .filter(l -> l.contains(" guest out inband") && l.contains("| ic heartbeat ")).count();
    assertEquals(3, guestBeats, r::toString);
    assertTrue(r.lines().stream().anyMatch(l -> l.contains(" guest in  inband")
        && l.contains("| ic negotiate ") && l.contains("icflags=0x3(request)")), r::toString);
    assertTrue(r.lines().stream().anyMatch(l -> l.contains(" state DISABLED")), r::toString);
  }

  @Test
  void refusesWhatIsNotACapture() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk"), "not a capture at all");
    SampleRun r = SampleRun.of("trace", "show", junk.toString());
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.output().startsWith("error: trace show: "), r::toString);
    assertEquals(2, SampleRun.of("trace", "list").exitCode());
  }
}
