package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vmbkmcl.capture.ChannelTap;
import dev.vmbkmcl.capture.PacketText;
import dev.vmbkmcl.capture.PcapngWriter;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Wireshark dissector {@code samples/src/main/wireshark/vmbkmcl.lua}, run by Debian's tshark
 * on captures these tests make (and on the lab's), asserting decoded field values. Without
 * tshark the tests are skipped, unless the environment variable CI is set: then they fail.
 */
class DissectorTest {
  private static final Path LUA = Path.of("src/main/wireshark/vmbkmcl.lua");

  @TempDir Path dir;

  @BeforeAll
  static void tsharkIsThere() {
    boolean found = false;
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator, -1)) {
      found |= !d.isEmpty() && Files.isExecutable(Path.of(d, "tshark"));
    }
    if (System.getenv("CI") != null) {
      assertTrue(found, "CI is set but tshark is missing: install it (apt-get install tshark)");
    }
    assumeTrue(found, "tshark is not installed: the dissector tests are skipped");
  }

  /** tshark's -T fields output: one list of tab-separated values per packet shown. */
  private static List<String> fields(Path capture, String filter, String... fieldNames)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-X", "lua_script:" + LUA,
        "-r", capture.toString(), "-Y", filter, "-T", "fields", "-E", "occurrence=a",
        "-E", "aggregator=,"));
    for (String f : fieldNames) {
      cmd.add("-e");
      cmd.add(f);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark hung");
    assertEquals(0, p.exitValue(), "tshark failed: " + err);
    assertTrue(!err.contains("Lua: Error") && !err.contains("syntax error"), err);
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void decodesTheRealHostsDynamicMemorySession() throws Exception {
    Path lab = TracedRun.labCapture();
    assertEquals(List.of("1\t2.0\t0\tguest\t0x00000002"), fields(lab, "vmbkmcl.dm.type == 1",
        "vmbkmcl.dm.type", "vmbkmcl.dm.version", "vmbkmcl.dm.last_attempt", "vmbkmcl.side",
        "frame.packet_flags_direction"));
    assertEquals(List.of("2\t1\t1\t0x0000000000000001"), fields(lab, "vmbkmcl.dm.type == 2",
        "vmbkmcl.dm.type", "vmbkmcl.dm.txid", "vmbkmcl.dm.accepted", "vmbkmcl.vmbus.txid"));
    assertEquals(List.of("6\t131072\t80\t120"), fields(lab, "vmbkmcl.dm.type == 6",
        "vmbkmcl.dm.type", "vmbkmcl.dm.pages", "vmbkmcl.index_before", "vmbkmcl.index_after"));
    assertEquals(List.of("7\t0\t0\t0x0006"), fields(lab, "vmbkmcl.dm.type == 7",
        "vmbkmcl.dm.type", "vmbkmcl.dm.more", "vmbkmcl.dm.ranges", "vmbkmcl.vmbus.type"));
    assertEquals(48, fields(lab, "vmbkmcl.dm.type == 5", "vmbkmcl.dm.committed").size());
    assertEquals(List.of("DISABLED"), fields(lab, "vmbkmcl.state == \"DISABLED\"",
        "vmbkmcl.state"));
  }

  @Test
  void decodesTheHeartbeatNegotiationAndBeats() throws Exception {
    Path file = dir.resolve("hb.pcapng");
    assertEquals(0, TracedRun.of(file, "heartbeat", "--beats", "3").exitCode());
    // The guest's negotiate response: one framework and one message version, 3.0 each.
    assertEquals(List.of("0\t0x05\t1\t1\t3.0,3.0"), fields(file,
        "vmbkmcl.side == \"guest\" && frame.packet_flags_direction == 2 && vmbkmcl.ic.msgtype == 0",
        "vmbkmcl.ic.msgtype", "vmbkmcl.ic.flags", "vmbkmcl.ic.negotiate.framework_count",
        "vmbkmcl.ic.negotiate.message_count", "vmbkmcl.ic.negotiate.version"));
    List<String> beats = fields(file, "vmbkmcl.side == \"guest\" && frame.packet_flags_direction"
        + " == 2 && vmbkmcl.ic.msgtype == 1", "vmbkmcl.ic.heartbeat.seq", "vmbkmcl.ic.flags");
    assertEquals(3, beats.size(), beats::toString);
    for (String b : beats) {
      assertTrue(b.endsWith("\t0x05"), b);
    }
  }

  @Test
  void decodesTheEchoProtocolAndTheFileCopy() throws Exception {
    Path echo = dir.resolve("echo.pcapng");
    assertEquals(0, TracedRun.of(echo, "echo", "--count", "3", "--size", "5").exitCode());
    List<String> requests = fields(echo, "vmbkmcl.side == \"guest\" && vmbkmcl.echo.op == 1"
        + " && frame.packet_flags_direction == 2", "vmbkmcl.echo.op", "vmbkmcl.echo.length",
        "vmbkmcl.vmbus.flags");
    assertTrue(requests.contains("1\t5\t0x0001"), requests::toString);
    Path fcopy = dir.resolve("fcopy.pcapng");
    Path target = Files.createDirectories(dir.resolve("files"));
    assertEquals(0, TracedRun.of(fcopy, "fcopy", "--target", target.toString()).exitCode());
    List<String> starts = fields(fcopy, "vmbkmcl.ic.fcopy.op == 0 && vmbkmcl.side == \"guest\"",
        "vmbkmcl.ic.msgtype", "vmbkmcl.ic.fcopy.file");
    assertTrue(!starts.isEmpty() && starts.get(0).startsWith("7\t"), starts::toString);
  }

  @Test
  void decodesShutdownAndTimeSyncRequests() throws Exception {
    Path file = dir.resolve("ic.pcapng");
    try (PcapngWriter w = PcapngWriter.create(file)) {
      ChannelTap shutdown = new ChannelTap(w, PacketText.SHUTDOWN, null, false);
      ByteBuffer s = icRequest(3, 12);
      s.putInt(44, 0x80000000).putInt(48, 30).putInt(52, 2);
      shutdown.packetReceived(s, 0, s.limit() + 8);
      ChannelTap time = new ChannelTap(w, PacketText.TIMESYNC, null, false);
      ByteBuffer t = icRequest(4, 25);
      t.putLong(44, 133_000_000_000_000_000L).putLong(52, 42);
      time.packetReceived(t, 0, t.limit() + 8);
    }
    assertEquals(List.of("3\t0x80000000\t30\t0x00000002"), fields(file, "vmbkmcl.ic.msgtype == 3",
        "vmbkmcl.ic.msgtype", "vmbkmcl.ic.shutdown.reason", "vmbkmcl.ic.shutdown.timeout",
        "vmbkmcl.ic.shutdown.flags"));
    assertEquals(List.of("4\t133000000000000000\t42"), fields(file, "vmbkmcl.ic.msgtype == 4",
        "vmbkmcl.ic.msgtype", "vmbkmcl.ic.timesync.parenttime", "vmbkmcl.ic.timesync.childtime"));
  }

  /** A host IC request (reference §5.1): descriptor, pipe header, IC header, then a body. */
  private static ByteBuffer icRequest(int msgType, int bodySize) {
    int payload = 28 + bodySize;
    int len8 = 2 + (payload + 7) / 8;
    ByteBuffer b = ByteBuffer.allocate(len8 * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(0, (short) 6).putShort(2, (short) 2).putShort(4, (short) len8);
    b.putInt(16, 1).putInt(20, 20 + bodySize);
    b.putShort(24, (short) 3).putShort(26, (short) 0).putShort(28, (short) msgType)
        .putShort(30, (short) 3).putShort(32, (short) 0).putShort(34, (short) bodySize);
    b.put(41, (byte) 3);
    return b;
  }
}
