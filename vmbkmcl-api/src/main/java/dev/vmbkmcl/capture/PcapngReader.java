package dev.vmbkmcl.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a capture file back: its interfaces and its records, with every length checked against
 * the file (a capture may come from anyone). Little-endian sections only, as {@link PcapngWriter}
 * writes them; files up to {@value #MAX_FILE} bytes; blocks other than section headers,
 * interfaces and enhanced packets are skipped, as are records of other link types.
 */
public final class PcapngReader {
  /** The largest file read, 256 MiB. */
  public static final long MAX_FILE = 256L << 20;

  private PcapngReader() {}

  /**
   * What a capture file holds.
   *
   * @param interfaces the interfaces, by id
   * @param records the records in file order
   */
  public record Capture(List<CaptureInterface> interfaces, List<CaptureRecord> records) {
    /**
     * The interface of {@code record}.
     *
     * @param record a record of this capture
     * @return its interface
     */
    public CaptureInterface interfaceOf(CaptureRecord record) {
      return interfaces.get(record.iface());
    }
  }

  /**
   * Reads {@code path}.
   *
   * @param path the capture file
   * @return its interfaces and records
   * @throws IOException when it cannot be read or is not a well-formed little-endian pcapng file
   */
  public static Capture read(Path path) throws IOException {
    long size = Files.size(path);
    if (size > MAX_FILE) {
      throw new IOException(path + " is " + size + " bytes, more than the " + MAX_FILE
          + " a capture may have");
    }
    return parse(ByteBuffer.wrap(Files.readAllBytes(path)), path.toString());
  }

  /**
   * Parses capture bytes.
   *
   * @param file the file's bytes, from position 0
   * @param name the file's name for messages
   * @return its interfaces and records
   * @throws IOException when the bytes are not a well-formed little-endian pcapng file
   */
  public static Capture parse(ByteBuffer file, String name) throws IOException {
    ByteBuffer f = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    List<CaptureInterface> interfaces = new ArrayList<>();
    List<Integer> resolution = new ArrayList<>();
    List<CaptureRecord> records = new ArrayList<>();
    int at = 0;
    boolean sawSection = false;
    while (at < f.limit()) {
      if (f.limit() - at < 12) {
        throw bad(name, at, "a block shorter than 12 bytes");
      }
      int type = f.getInt(at);
      long length = Integer.toUnsignedLong(f.getInt(at + 4));
      if (type == 0x0A0D0D0A && f.limit() - at >= 12 && f.getInt(at + 8) != 0x1A2B3C4D) {
        throw bad(name, at, "a big-endian section (only little-endian captures are read)");
      }
      if (length < 12 || length % 4 != 0 || length > f.limit() - at) {
        throw bad(name, at, "block length " + length + " (" + (f.limit() - at) + " bytes left)");
      }
      int end = at + (int) length;
      if (f.getInt(end - 4) != (int) length) {
        throw bad(name, at, "the trailing block length differs from the leading one");
      }
      if (type == 0x0A0D0D0A) {
        sawSection = true;
        interfaces.clear();
        resolution.clear();
      } else if (!sawSection) {
        throw bad(name, at, "a block before the section header");
      } else if (type == 1) {
        if (length < 20) {
          throw bad(name, at, "an interface block of " + length + " bytes");
        }
        int linkType = Short.toUnsignedInt(f.getShort(at + 8));
        String[] opts = {"", ""};
        int[] tsres = {6};
        options(f, at + 16, end - 4, name, (code, off, len) -> {
          if (code == 2 || code == 3) {
            opts[code - 2] = new String(bytes(f, off, len), StandardCharsets.UTF_8);
          } else if (code == 9 && len >= 1) {
            tsres[0] = f.get(off);
          }
        });
        interfaces.add(new CaptureInterface(interfaces.size(), linkType, opts[0], opts[1]));
        resolution.add(tsres[0]);
      } else if (type == 6) {
        if (length < 32) {
          throw bad(name, at, "a packet block of " + length + " bytes");
        }
        int iface = f.getInt(at + 8);
        if (iface < 0 || iface >= interfaces.size()) {
          throw bad(name, at, "a packet of interface " + Integer.toUnsignedString(iface) + " of "
              + interfaces.size());
        }
        long stamp = (Integer.toUnsignedLong(f.getInt(at + 12)) << 32)
            | Integer.toUnsignedLong(f.getInt(at + 16));
        long captured = Integer.toUnsignedLong(f.getInt(at + 20));
        long padded = (captured + 3) & ~3L;
        if (28 + padded + 4 > length) {
          throw bad(name, at, "captured length " + captured + " exceeds the block");
        }
        int data = at + 28;
        int[] flags = {0};
        options(f, data + (int) padded, end - 4, name, (code, off, len) -> {
          if (code == 2 && len == 4) {
            flags[0] = f.getInt(off);
          }
        });
        if (interfaces.get(iface).linkType() == TapRecord.LINKTYPE) {
          records.add(record(f, name, at, iface, nanos(stamp, resolution.get(iface)),
              flags[0] & 3, data, (int) captured));
        }
      }
      at = end;
    }
    if (!sawSection) {
      throw bad(name, 0, "no section header: not a pcapng file");
    }
    return new Capture(List.copyOf(interfaces), List.copyOf(records));
  }

  private static CaptureRecord record(ByteBuffer f, String name, int at, int iface, long nanos,
      int direction, int data, int captured) throws IOException {
    if (captured < TapRecord.HEADER_SIZE) {
      throw bad(name, at, "a record of " + captured + " bytes, less than its 24-byte header");
    }
    int kind = Byte.toUnsignedInt(f.get(data));
    int header = Short.toUnsignedInt(f.getShort(data + 2));
    if (header < TapRecord.HEADER_SIZE || header > captured) {
      throw bad(name, at, "a record header of " + header + " bytes in " + captured);
    }
    ByteBuffer body = ByteBuffer.wrap(bytes(f, data + header, captured - header))
        .order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    return new CaptureRecord(iface, nanos, direction, kind, f.getLong(data + 8),
        f.getLong(data + 16), body);
  }

  private static long nanos(long stamp, int tsresol) {
    if ((tsresol & 0x80) != 0 || tsresol > 9) {
      return stamp; // a resolution this reader does not scale: taken as nanoseconds
    }
    long scale = 1;
    for (int i = tsresol; i < 9; i++) {
      scale *= 10;
    }
    return stamp * scale;
  }

  private interface OptionSink {
    void option(int code, int offset, int length);
  }

  private static void options(ByteBuffer f, int from, int to, String name, OptionSink sink)
      throws IOException {
    int at = from;
    while (at + 4 <= to) {
      int code = Short.toUnsignedInt(f.getShort(at));
      int len = Short.toUnsignedInt(f.getShort(at + 2));
      if (code == 0) {
        return;
      }
      int next = at + 4 + ((len + 3) & ~3);
      if (next > to) {
        throw bad(name, at, "option " + code + " of " + len + " bytes runs past its block");
      }
      sink.option(code, at + 4, len);
      at = next;
    }
  }

  private static byte[] bytes(ByteBuffer f, int offset, int length) {
    byte[] b = new byte[length];
    f.get(offset, b);
    return b;
  }

  private static IOException bad(String name, int at, String what) {
    return new IOException(name + ": not a valid capture at byte " + at + ": " + what);
  }
}
