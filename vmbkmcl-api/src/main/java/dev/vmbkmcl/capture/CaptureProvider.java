package dev.vmbkmcl.capture;

import dev.vmbkmcl.observe.ChannelObserver;
import dev.vmbkmcl.observe.ChannelObserverProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Taps every channel into one file when the system property {@value #PROPERTY} names it (read at
 * each channel's {@code VmbChannelEnable}; the file is created at the first). Found through {@link
 * java.util.ServiceLoader}; a shutdown hook writes what is buffered when the JVM exits.
 */
public final class CaptureProvider implements ChannelObserverProvider {
  /** The system property naming the capture file for every channel. */
  public static final String PROPERTY = "vmbkmcl.capture";

  private static @Nullable PcapngWriter shared;
  private static @Nullable Path sharedPath;

  /** The provider {@link java.util.ServiceLoader} creates. */
  public CaptureProvider() {}

  @Override
  public ChannelObserver observerFor(@Nullable UUID classId, @Nullable UUID instanceId,
      boolean server) {
    String file = System.getProperty(PROPERTY, "");
    if (file.isEmpty()) {
      return ChannelObserver.NONE;
    }
    PcapngWriter w = writerFor(Path.of(file));
    return w == null ? ChannelObserver.NONE : new ChannelTap(w, classId, instanceId, server);
  }

  private static synchronized @Nullable PcapngWriter writerFor(Path path) {
    PcapngWriter w = shared;
    if (w != null && path.equals(sharedPath)) {
      return w;
    }
    try {
      PcapngWriter created = PcapngWriter.create(path);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          created.close();
        } catch (IOException e) {
          System.err.println("vmbkmcl: the capture " + path + " is incomplete: " + e);
        }
      }, "vmbkmcl-capture-close"));
      if (w != null) {
        w.flush();
      }
      shared = created;
      sharedPath = path;
      return created;
    } catch (IOException | RuntimeException e) {
      // The capture is a diagnostic: it must not stop the channel, so it says so and steps aside.
      System.err.println("vmbkmcl: cannot capture to " + path + ": " + e);
      return null;
    }
  }

  /**
   * Writes what the shared capture file has buffered (for a program that inspects its own capture
   * before exiting).
   */
  public static synchronized void flushShared() {
    PcapngWriter w = shared;
    if (w != null) {
      w.flush();
    }
  }
}
