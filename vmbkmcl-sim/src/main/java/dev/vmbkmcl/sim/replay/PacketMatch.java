package dev.vmbkmcl.sim.replay;

import dev.vmbkmcl.capture.PacketText;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a replay compares: a packet's decoding ({@link PacketText}) without the values a guest may
 * choose afresh each run (transaction ids), and without the figures of a status report.
 */
final class PacketMatch {
  private static final Pattern IDS = Pattern.compile(" (txid=0x[0-9a-f]+|dmtxid=[0-9]+)");

  private PacketMatch() {}

  static String key(UUID classId, ByteBuffer packet) {
    String text = IDS.matcher(PacketText.describe(classId, packet)).replaceAll("");
    int report = text.indexOf("dm status_report");
    return report < 0 ? text : text.substring(0, report + "dm status_report".length());
  }

  /** True for the packets the lenient mode leaves out: the guest's periodic status reports. */
  static boolean isStatusReport(UUID classId, ByteBuffer packet) {
    return classId.equals(PacketText.DYNAMIC_MEMORY)
        && PacketText.describe(classId, packet).contains("| dm status_report");
  }

  /** The Dynamic Memory header's trans_id (payload u32 at 4), or -1 when there is none. */
  static long dmTransId(UUID classId, ByteBuffer packet) {
    int payload = Short.toUnsignedInt(packet.getShort(2)) * 8;
    if (!classId.equals(PacketText.DYNAMIC_MEMORY) || packet.limit() < payload + 8) {
      return -1;
    }
    return Integer.toUnsignedLong(packet.getInt(payload + 4));
  }
}
