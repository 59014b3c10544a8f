package dev.vmbkmcl.samples;

import dev.vmbkmcl.capture.CaptureProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A sample run with {@code --trace FILE}; the process-wide capture property is cleared after. */
final class TracedRun {
  private TracedRun() {}

  static SampleRun of(Path file, String... args) throws InterruptedException {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--trace");
    all.add(file.toString());
    try {
      return SampleRun.of(all.toArray(new String[0]));
    } finally {
      System.clearProperty(CaptureProvider.PROPERTY);
      CaptureProvider.flushShared();
    }
  }

  /** The lab's capture of the balloon sample against QEMU's real VMBus host. */
  static Path labCapture() {
    try {
      return Path.of(TracedRun.class.getResource("lab-balloon.pcapng").toURI());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("the lab capture is missing from the test resources", e);
    }
  }
}
