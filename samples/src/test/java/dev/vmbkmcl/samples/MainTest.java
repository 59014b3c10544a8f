package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line: usage errors, help, and the demo that runs every sample on sim. */
class MainTest {
  private static void assertUsageError(String reason, String... args) throws InterruptedException {
    SampleRun r = SampleRun.of(args);
    assertEquals(2, r.exitCode(), r::toString);
    assertEquals("error: " + reason, r.lines().get(0), r::toString);
    assertEquals(Invocation.usageLine(Options.SYNOPSIS), r.lines().get(1), r::toString);
  }

  @Test
  void helpPrintsTheUsageAndSucceeds() throws InterruptedException {
    SampleRun r = SampleRun.of("--help");
    assertEquals(0, r.exitCode(), r::toString);
    assertEquals(Main.usage(), r.output().strip());
    // Under the test runner the classes come from a folder, as under exec:java.
    assertTrue(r.lines().get(0).startsWith(
        "usage: mvn -q -pl samples -am compile exec:java -Dexec.args=\"[heartbeat|"), r::toString);
  }

  @Test
  void theUsageLineNamesTheCommandThatStartedTheProcess() {
    assertEquals("usage: samples/vmbkmcl [sample]",
        Invocation.usageLine("samples/vmbkmcl", Path.of("/x/vmbkmcl-samples.jar"), "[sample]"));
    assertEquals("usage: java -jar /x/vmbkmcl-samples.jar [sample]",
        Invocation.usageLine(null, Path.of("/x/vmbkmcl-samples.jar"), "[sample]"));
    assertEquals("usage: mvn -q -pl samples -am compile exec:java -Dexec.args=\"[sample]\"",
        Invocation.usageLine(null, null, "[sample]"));
  }

  @Test
  void anUnknownOptionIsAUsageError() throws InterruptedException {
    assertUsageError("unknown option '--frobnicate'", "--frobnicate");
  }

  @Test
  void anUnknownSampleIsAUsageError() throws InterruptedException {
    assertUsageError("unknown sample 'kvp'", "kvp");
  }

  @Test
  void badValuesAreUsageErrors() throws InterruptedException {
    assertUsageError("option --beats needs a value", "heartbeat", "--beats");
    assertUsageError("--beats needs a whole number of at least 1, not '0'", "--beats", "0");
    assertUsageError("--seconds needs a whole number of at least 0, not 'soon'",
        "--seconds", "soon");
    assertUsageError("--size must be at most 4096", "echo", "--size", "4097");
    assertUsageError("unknown backend 'kvm': use sim or hyperv", "--backend", "kvm");
    assertUsageError("--requests needs a whole number of at least 0, not '-1'",
        "balloon", "--requests", "-1");
  }

  @Test
  void combinationsThatCannotRunAreUsageErrors() throws InterruptedException {
    assertUsageError("echo runs on the simulated backend only: no Hyper-V host offers an echo"
        + " device", "echo", "--backend", "hyperv");
    assertUsageError("demo runs every sample on the simulated backend only",
        "demo", "--backend", "hyperv");
    assertUsageError("fcopy on hyperv needs --target DIR, the directory files go to",
        "fcopy", "--backend", "hyperv");
    assertUsageError("--requests needs a time limit: give --seconds N as well",
        "balloon", "--backend", "hyperv", "--requests", "1", "--seconds", "0");
  }

  @Test
  void theDemoRunsEverySampleOnSim() throws InterruptedException {
    SampleRun r = SampleRun.of("demo", "--beats", "2", "--count", "20", "--report-ms", "20");
    assertEquals(0, r.exitCode(), r::toString);
    List<String> headers = r.lines().stream().filter(l -> l.startsWith("== ")).toList();
    assertEquals(List.of("== heartbeat ==", "== balloon ==", "== echo ==", "== lsvmbus ==",
        "== fcopy =="), headers);
    // Every sample but lsvmbus (which ends with its listing's summary) ends with "ok:".
    assertEquals(5, r.lines().stream().filter(l -> l.startsWith("ok: ")).count(), r::toString);
    assertTrue(r.hasLine("lsvmbus: 5 devices, 2 open"), r::toString);
    assertTrue(r.hasLine("ok: all 5 samples passed on the simulated VMBus"), r::toString);
  }
}
