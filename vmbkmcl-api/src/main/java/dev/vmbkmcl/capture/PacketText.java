package dev.vmbkmcl.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Decodes one captured ring packet as one line of text: the VMBus descriptor (reference §2), then
 * by the channel's class the integration-component framework (§5: negotiation, heartbeat,
 * shutdown, time sync, file copy), Dynamic Memory (§6) or the echo sample's protocol. The same
 * fields, under the same names, as the Wireshark dissector {@code vmbkmcl.lua}. Every read is
 * bounds-checked: a short or odd packet decodes as far as it goes and says {@code truncated}.
 */
public final class PacketText {
  /** The heartbeat IC's class. */
  public static final UUID HEARTBEAT = UUID.fromString("57164f39-9115-4e78-ab55-382f3bd5422d");
  /** The shutdown IC's class. */
  public static final UUID SHUTDOWN = UUID.fromString("0e0b6031-5213-4934-818b-38d90ced39db");
  /** The time sync IC's class. */
  public static final UUID TIMESYNC = UUID.fromString("9527e630-d0ae-497b-adce-e80ab0175caf");
  /** The file copy (guest services) IC's class. */
  public static final UUID FCOPY = UUID.fromString("34d14be3-dee4-41c8-9ae7-6b174977c192");
  /** The Dynamic Memory class. */
  public static final UUID DYNAMIC_MEMORY =
      UUID.fromString("525074dc-8985-46e2-8057-a307dc18a502");
  /** The echo sample's class. */
  public static final UUID ECHO = UUID.fromString("9de5043c-d46c-4f84-9b39-7e32052c4009");

  private static final String[] IC_TYPES = {"negotiate", "heartbeat", "kvp", "shutdown",
      "timesync", "vss", "rdv", "fcopy", "vmsession"};
  private static final String[] DM_TYPES = {"error", "version_request", "version_response",
      "capabilities_report", "capabilities_response", "status_report", "balloon_request",
      "balloon_response", "unballoon_request", "unballoon_response", "hot_add_request",
      "hot_add_response", "info", "hot_remove_request", "hot_remove_response"};
  private static final String[] FCOPY_OPS = {"start_file_copy", "write_to_file",
      "complete_fcopy", "cancel_fcopy"};

  private PacketText() {}

  /**
   * The packet type's name.
   *
   * @param type the descriptor's type
   * @return {@code inband}, {@code xfer_pages}, {@code gpa_direct}, {@code completion} or {@code
   *     type 0xN}
   */
  public static String typeName(int type) {
    return switch (type) {
      case 6 -> "inband";
      case 7 -> "xfer_pages";
      case 9 -> "gpa_direct";
      case 0xB -> "completion";
      default -> "type 0x" + Integer.toHexString(type);
    };
  }

  /**
   * One packet as text.
   *
   * @param classId the channel's class GUID (picks the protocol), or null
   * @param packet the ring packet from its descriptor, little-endian or not, between 0 and limit
   * @return the decoding
   */
  public static String describe(@Nullable UUID classId, ByteBuffer packet) {
    ByteBuffer p = packet.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    StringBuilder s = new StringBuilder();
    if (p.limit() < 16) {
      return s.append("truncated descriptor (").append(p.limit()).append(" bytes)").toString();
    }
    int type = u16(p, 0);
    int offset8 = u16(p, 2);
    int len8 = u16(p, 4);
    s.append(typeName(type)).append(" flags=0x").append(Integer.toHexString(u16(p, 6)))
        .append(" txid=0x").append(Long.toHexString(p.getLong(8)))
        .append(" offset8=").append(offset8).append(" len8=").append(len8);
    if (offset8 < 2 || offset8 > len8 || len8 * 8 > p.limit()) {
      return s.append(" malformed").toString();
    }
    if (type == 9 && offset8 >= 3) {
      s.append(" ranges=").append(Integer.toUnsignedString(p.getInt(20)));
    }
    ByteBuffer payload = p.slice(offset8 * 8, len8 * 8 - offset8 * 8).order(ByteOrder.LITTLE_ENDIAN);
    s.append(" payload=").append(payload.limit());
    if (classId == null || payload.limit() == 0) {
      return s.toString();
    }
    s.append(" | ");
    if (classId.equals(DYNAMIC_MEMORY)) {
      dm(s, payload);
    } else if (classId.equals(ECHO)) {
      echo(s, type, payload);
    } else if (classId.equals(HEARTBEAT) || classId.equals(SHUTDOWN)
        || classId.equals(TIMESYNC) || classId.equals(FCOPY)) {
      ic(s, payload);
    } else {
      s.setLength(s.length() - 3);
    }
    return s.toString();
  }

  private static void ic(StringBuilder s, ByteBuffer b) {
    if (b.limit() < 28) {
      s.append("ic truncated");
      return;
    }
    int msgType = u16(b, 12);
    int icFlags = u8(b, 25);
    s.append("ic ").append(msgType < IC_TYPES.length ? IC_TYPES[msgType] : "type " + msgType)
        .append(" fw=").append(u16(b, 8)).append('.').append(u16(b, 10))
        .append(" msg=").append(u16(b, 14)).append('.').append(u16(b, 16))
        .append(" size=").append(u16(b, 18))
        .append(" status=0x").append(Integer.toHexString(b.getInt(20)))
        .append(" ictxid=").append(u8(b, 24))
        .append(" icflags=0x").append(Integer.toHexString(icFlags))
        .append((icFlags & 4) != 0 ? "(response)" : (icFlags & 2) != 0 ? "(request)" : "");
    int body = 28;
    int have = b.limit() - body;
    switch (msgType) {
      case 0 -> {
        if (have < 8) {
          s.append(" truncated");
          return;
        }
        int fc = u16(b, body);
        int mc = u16(b, body + 2);
        s.append(" framework_versions=").append(fc).append(" message_versions=").append(mc)
            .append(" versions=");
        int n = Math.min(fc + mc, Math.min(100, (have - 8) / 4));
        for (int i = 0; i < n; i++) {
          s.append(i == 0 ? "" : ",").append(u16(b, body + 8 + 4 * i)).append('.')
              .append(u16(b, body + 10 + 4 * i));
        }
      }
      case 1 -> s.append(have < 8 ? " truncated" : " seq=" + Long.toUnsignedString(b.getLong(body)));
      case 3 -> s.append(have < 12 ? " truncated" : " reason=0x"
          + Integer.toHexString(b.getInt(body)) + " timeout=" + b.getInt(body + 4) + " flags=0x"
          + Integer.toHexString(b.getInt(body + 8)));
      case 4 -> s.append(have < 16 ? " truncated" : " parenttime="
          + Long.toUnsignedString(b.getLong(body)) + " childtime="
          + Long.toUnsignedString(b.getLong(body + 8)));
      case 7 -> {
        if (have < 4) {
          s.append(" truncated");
          return;
        }
        int op = b.getInt(body);
        s.append(" op=").append(op >= 0 && op < FCOPY_OPS.length ? FCOPY_OPS[op] : "" + op);
        if (op == 1 && have >= 52) {
          s.append(" offset=").append(b.getLong(body + 40)).append(" size=")
              .append(Integer.toUnsignedString(b.getInt(body + 48)));
        } else if (op == 0 && have >= 1088) {
          s.append(" file=").append(utf16(b, body + 36, 520)).append(" size=")
              .append(b.getLong(body + 1080));
        }
      }
      default -> { }
    }
  }

  private static void dm(StringBuilder s, ByteBuffer b) {
    if (b.limit() < 8) {
      s.append("dm truncated");
      return;
    }
    int type = u16(b, 0);
    int size = u16(b, 2);
    s.append("dm ").append(type < DM_TYPES.length ? DM_TYPES[type] : "type " + type)
        .append(" size=").append(size).append(" dmtxid=").append(Integer.toUnsignedString(b.getInt(4)));
    int have = Math.min(b.limit(), Math.max(size, 8));
    switch (type) {
      case 1 -> {
        if (have >= 16) {
          s.append(" version=").append(u16(b, 10)).append('.').append(u16(b, 8))
              .append(" last_attempt=").append(b.getInt(12) & 1);
        }
      }
      case 2, 4 -> {
        if (have >= 16) {
          s.append(" accepted=").append(b.getLong(8) & 1);
        }
      }
      case 3 -> {
        if (have >= 32) {
          s.append(" caps=0x").append(Long.toHexString(b.getLong(8)))
              .append(" min_pages=").append(b.getLong(16));
        }
      }
      case 5 -> {
        if (have >= 24) {
          s.append(" avail=").append(b.getLong(8)).append(" committed=").append(b.getLong(16));
        }
      }
      case 6 -> {
        if (have >= 12) {
          s.append(" pages=").append(Integer.toUnsignedString(b.getInt(8)));
        }
      }
      case 7 -> {
        if (have >= 16) {
          int word = b.getInt(12);
          s.append(" more=").append(word & 1).append(" ranges=").append(word >>> 1);
        }
      }
      case 8 -> {
        if (have >= 16) {
          s.append(" more=").append(b.getInt(8) & 1).append(" ranges=")
              .append(Integer.toUnsignedString(b.getInt(12)));
        }
      }
      case 10 -> {
        if (have >= 16) {
          long r = b.getLong(8);
          s.append(" start_pfn=0x").append(Long.toHexString(r & 0xFF_FFFF_FFFFL))
              .append(" pages=").append(r >>> 40);
        }
      }
      case 11 -> {
        if (have >= 16) {
          s.append(" pages=").append(Integer.toUnsignedString(b.getInt(8))).append(" result=")
              .append(b.getInt(12));
        }
      }
      default -> { }
    }
  }

  private static void echo(StringBuilder s, int type, ByteBuffer b) {
    if (b.limit() < 12) {
      s.append("echo truncated");
      return;
    }
    // A checksum answer is exactly 16 bytes; an echo's completion repeats a request of 17 or more.
    if (type == 0xB && b.limit() == 16) {
      s.append("echo answer result=").append(b.getInt(0)).append(" crc=0x")
          .append(Long.toHexString(b.getLong(8)));
      return;
    }
    int op = b.getInt(0);
    s.append("echo ").append(op == 1 ? "echo" : op == 2 ? "checksum" : "op " + op)
        .append(op == 2 ? " gpadl=" : " seq=").append(Integer.toUnsignedString(b.getInt(4)))
        .append(" length=").append(Integer.toUnsignedString(b.getInt(8)));
  }

  private static String utf16(ByteBuffer b, int at, int maxBytes) {
    StringBuilder n = new StringBuilder();
    for (int i = 0; i + 1 < maxBytes && at + i + 1 < b.limit(); i += 2) {
      char c = b.getChar(at + i);
      if (c == 0) {
        break;
      }
      n.append(Character.isISOControl(c) ? '?' : c);
    }
    return n.toString();
  }

  private static int u16(ByteBuffer b, int at) {
    return Short.toUnsignedInt(b.getShort(at));
  }

  private static int u8(ByteBuffer b, int at) {
    return Byte.toUnsignedInt(b.get(at));
  }
}
