package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use it as a library" quick start is {@link QuickStart}, word for word: the build
 * compiles it (with Error Prone), this test runs it, and checks that the README's java block is
 * this file's text, so the README cannot drift from code that works.
 */
class ReadmeQuickStartTest {
  static final String SOURCE = "vmbkmcl-sim/src/test/java/com/example/QuickStart.java";
  static final String MARKER = "<!-- quick start: " + SOURCE;

  @Test
  void theReadmeShowsQuickStartJavaExactly() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<String> readme = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
    int marker = -1;
    for (int i = 0; i < readme.size(); i++) {
      if (readme.get(i).startsWith(MARKER)) {
        marker = i;
        break;
      }
    }
    assertTrue(marker >= 0, "README.md has no line starting with " + MARKER);
    assertEquals("```java", readme.get(marker + 1), "the marker must be followed by ```java");
    int end = readme.subList(marker + 2, readme.size()).indexOf("```");
    assertTrue(end >= 0, "the quick start's java block in README.md is not closed");
    List<String> block = readme.subList(marker + 2, marker + 2 + end);
    List<String> source = Files.readAllLines(root.resolve(SOURCE), StandardCharsets.UTF_8);
    assertEquals(String.join("\n", source), String.join("\n", block),
        "README.md's quick start differs from " + SOURCE + ": copy the file into the block");
  }

  @Test
  void theQuickStartGetsItsAnswer() throws InterruptedException {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(out);
    }
    assertEquals("the host answered 42", printed.toString(StandardCharsets.UTF_8).strip());
  }
}
