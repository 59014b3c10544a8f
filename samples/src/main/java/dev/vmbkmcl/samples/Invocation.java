package dev.vmbkmcl.samples;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import org.jspecify.annotations.Nullable;

/**
 * How this process was started, so that {@code --help} and a usage error show the command to type
 * again: the launcher {@code samples/vmbkmcl} (which names itself in the system property {@value
 * #LAUNCHER_PROPERTY}), {@code java -jar} on the runnable jar, or Maven's {@code exec:java}, where
 * the options go in {@code -Dexec.args}.
 */
final class Invocation {
  /** The system property the launcher script sets to the path it was started as. */
  static final String LAUNCHER_PROPERTY = "vmbkmcl.command";

  private Invocation() {}

  /** The usage line of this process, for {@code arguments} (the synopsis after the command). */
  static String usageLine(String arguments) {
    return usageLine(System.getProperty(LAUNCHER_PROPERTY), runningJar(), arguments);
  }

  /**
   * The usage line when started by {@code launcher} (null: not by the launcher) from {@code jar}
   * (null: from a classes folder, as {@code exec:java} runs it).
   */
  static String usageLine(@Nullable String launcher, @Nullable Path jar, String arguments) {
    if (launcher != null && !launcher.isBlank()) {
      return "usage: " + launcher + " " + arguments;
    }
    if (jar != null) {
      return "usage: java -jar " + jar + " " + arguments;
    }
    return "usage: mvn -q -pl samples -am compile exec:java -Dexec.args=\"" + arguments + "\"";
  }

  /** The jar this class was loaded from, or null when it comes from a folder. */
  private static @Nullable Path runningJar() {
    CodeSource source = Invocation.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return null;
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) ? path : null;
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null; // not a file location: show the Maven form
    }
  }
}
