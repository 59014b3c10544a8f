package dev.vmbkmcl.samples;

import dev.vmbkmcl.capture.CaptureProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --trace FILE} on every sample: taps every channel the run opens into FILE, through the
 * system property {@link CaptureProvider#PROPERTY}, and removes the option from the command line.
 */
final class TraceOption {
  private TraceOption() {}

  static String[] apply(String[] args) throws UsageException {
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].equals("--trace")) {
        rest.add(args[i]);
        continue;
      }
      if (i + 1 >= args.length || args[i + 1].isEmpty()) {
        throw new UsageException("option --trace needs a value");
      }
      System.setProperty(CaptureProvider.PROPERTY, args[++i]);
    }
    return rest.toArray(new String[0]);
  }
}
