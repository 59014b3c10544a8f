package dev.vmbkmcl.benchmarks;

import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.capture.PcapngWriter;
import dev.vmbkmcl.ext.ChannelCapture;
import dev.vmbkmcl.jfr.JfrProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;

/**
 * What watches the SDK channels of a {@link TapCost} trial (issue 16: the tap and the JFR events
 * must cost nothing when off). One of:
 *
 * <ul>
 *   <li>{@code none}: no observer at all ({@code -Dvmbkmcl.jfr=false} while the pair opens, no
 *       capture): the engine's bare path, the baseline.
 *   <li>{@code off}: what every user runs: the JFR observer installed by default, no recording
 *       running, no capture. Must match {@code none} and allocate 0 B/op.
 *   <li>{@code capture}: the client channel tapped with {@code ext.ChannelCapture} into a pcapng
 *       writer on {@code /dev/null} (or a temporary file where there is none): the tap's own cost,
 *       record assembly and the copy into its buffer and the write system call at each 1 MiB, without
 *       a disk's (a real capture at millions of packets per second would fill one).
 *   <li>{@code jfr}: a {@code jdk.jfr.Recording} started in the trial's setup with every {@code
 *       dev.vmbkmcl.*} event enabled (bounded to 64 MiB in the JFR repository).
 * </ul>
 */
final class Observation implements AutoCloseable {
  private static final String[] EVENTS = {"dev.vmbkmcl.Packet", "dev.vmbkmcl.Signal",
      "dev.vmbkmcl.RingFullWait", "dev.vmbkmcl.ChannelState", "dev.vmbkmcl.ChannelPoisoned"};
  private static final long JFR_MAX_BYTES = 64L << 20;

  private final String kind;
  private @Nullable PcapngWriter capture;
  private @Nullable Path captureFile;
  private @Nullable Recording recording;
  private @Nullable String jfrPropertyBefore;

  private Observation(String kind) {
    this.kind = kind;
  }

  /**
   * Prepares observation {@code kind} ({@code none}, {@code off}, {@code capture}, {@code jfr});
   * call {@link #beforeClientEnable} from the pair's client hook and {@link #opened()} once the
   * pair is open.
   */
  static Observation of(String kind) {
    Observation o = new Observation(kind);
    switch (kind) {
      case "none" -> {
        // The JFR provider reads the property at each channel's VmbChannelEnable.
        o.jfrPropertyBefore = System.getProperty(JfrProvider.PROPERTY);
        System.setProperty(JfrProvider.PROPERTY, "false");
      }
      case "off", "capture" -> { }
      case "jfr" -> {
        Recording r = new Recording();
        for (String event : EVENTS) {
          r.enable(event);
        }
        r.setToDisk(true);
        r.setMaxSize(JFR_MAX_BYTES);
        r.setName("vmbkmcl-tapcost");
        r.start();
        o.recording = r;
      }
      default -> throw new IllegalArgumentException(
          "observer must be none, off, capture or jfr, not " + kind);
    }
    return o;
  }

  /** Taps the client channel for {@code capture}; nothing for the other kinds. */
  void beforeClientEnable(VMBCHANNEL client) {
    if (!kind.equals("capture")) {
      return;
    }
    try {
      Path devNull = Path.of("/dev/null");
      Path file = Files.isWritable(devNull) ? devNull
          : Files.createTempFile("vmbkmcl-tapcost", ".pcapng");
      captureFile = file.equals(devNull) ? null : file;
      capture = ChannelCapture.start(client, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the capture sink", e);
    }
  }

  /** The pair is open: the JFR property goes back to what it was, for later trials. */
  void opened() {
    if (kind.equals("none")) {
      if (jfrPropertyBefore == null) {
        System.clearProperty(JfrProvider.PROPERTY);
      } else {
        System.setProperty(JfrProvider.PROPERTY, jfrPropertyBefore);
      }
    }
  }

  /** Closes the capture (after the channels closed) and the recording; deletes a temporary file. */
  @Override
  public void close() throws IOException {
    PcapngWriter w = capture;
    if (w != null) {
      w.close();
    }
    Path f = captureFile;
    if (f != null) {
      Files.deleteIfExists(f);
    }
    Recording r = recording;
    if (r != null) {
      r.close();
    }
  }
}
