package dev.vmbkmcl.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What a user sees when running {@link Main} in-process: the exit status and the output. */
record SampleRun(int exitCode, String output) {
  static SampleRun of(String... args) throws InterruptedException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new SampleRun(code, bytes.toString(StandardCharsets.UTF_8));
  }

  List<String> lines() {
    return output.lines().toList();
  }

  boolean hasLine(String line) {
    return lines().contains(line);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + ":\n" + output;
  }
}
