package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver samples with {@code --backend hyperv} where there is no VMBus (the sysfs root points
 * at an empty directory): each fails with exit status 1 and one line saying why, whether the
 * hyperv backend is on the class path or not.
 */
class HypervBackendTest {
  private static final String SYSFS = "vmbkmcl.hyperv.sysfs";

  @TempDir Path empty;

  @BeforeEach
  void noVmbus() {
    System.setProperty(SYSFS, empty.resolve("bus/vmbus").toString());
  }

  @AfterEach
  void restore() {
    System.clearProperty(SYSFS);
    System.clearProperty(HypervGuest.BACKEND_PROPERTY);
  }

  private static void assertOneLineFailure(String... args) throws InterruptedException {
    SampleRun r = SampleRun.of(args);
    assertEquals(1, r.exitCode(), r::toString);
    assertEquals(1, r.lines().size(), r::toString);
    String line = r.lines().get(0);
    assertTrue(line.startsWith("error: the hyperv backend is not available: ")
        || line.startsWith("error: " + args[0] + ": VmbChannelEnable failed with STATUS_"), line);
  }

  @Test
  void heartbeat() throws InterruptedException {
    assertOneLineFailure("heartbeat", "--backend", "hyperv", "--seconds", "1");
  }

  @Test
  void balloon() throws InterruptedException {
    assertOneLineFailure("balloon", "--backend", "hyperv", "--seconds", "1");
  }

  @Test
  void fcopy() throws InterruptedException {
    assertOneLineFailure("fcopy", "--backend", "hyperv", "--seconds", "1", "--target",
        empty.toString());
  }
}
