package dev.vmbkmcl.samples;

import dev.vmbkmcl.capture.CaptureInterface;
import dev.vmbkmcl.capture.CaptureRecord;
import dev.vmbkmcl.capture.PacketText;
import dev.vmbkmcl.capture.PcapngReader;
import dev.vmbkmcl.capture.TapRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * {@code trace show FILE}: prints a capture as text, one line per record, decoded as the
 * Wireshark dissector decodes it ({@link PacketText}).
 */
final class TraceShow {
  private TraceShow() {}

  static int run(String[] args, PrintStream out) {
    if (args.length != 3 || !args[1].equals("show")) {
      out.println("error: usage: samples trace show FILE");
      return 2;
    }
    PcapngReader.Capture capture;
    try {
      capture = PcapngReader.read(Path.of(args[2]));
    } catch (IOException | InvalidPathException e) {
      out.println("error: trace show: " + e.getMessage());
      return 1;
    }
    for (CaptureInterface i : capture.interfaces()) {
      out.println("#" + i.id() + " " + i.name() + " " + i.description());
    }
    long first = capture.records().isEmpty() ? 0 : capture.records().get(0).epochNanos();
    for (CaptureRecord r : capture.records()) {
      out.println(line(capture, r, first));
    }
    out.println(capture.records().size() + " records, " + capture.interfaces().size()
        + " channels");
    return 0;
  }

  static String line(PcapngReader.Capture capture, CaptureRecord r, long first) {
    CaptureInterface i = capture.interfaceOf(r);
    String time = String.format("%10.6f", (r.epochNanos() - first) / 1e9);
    String dir = r.direction() == TapRecord.INBOUND ? "in " : r.direction() == TapRecord.OUTBOUND
        ? "out" : "   ";
    String head = time + " #" + i.id() + " " + (i.hostSide() ? "host " : "guest") + " " + dir + " ";
    return switch (r.kind()) {
      case TapRecord.KIND_PACKET -> head + PacketText.describe(i.classId(), r.body())
          + " [ring " + r.a() + "->" + r.b() + "]";
      case TapRecord.KIND_SIGNAL -> head + "signal";
      case TapRecord.KIND_RING_FULL -> head + "ring full, waited " + r.a() + " ns";
      case TapRecord.KIND_STATE -> head + "state " + r.stateEvent()
          + (r.stateDetail().isEmpty() ? "" : " (" + r.stateDetail() + ")");
      default -> head + TapRecord.kindName(r.kind());
    };
  }
}
