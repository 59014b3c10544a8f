package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.capture.PacketText;
import dev.vmbkmcl.capture.PcapngReader;
import dev.vmbkmcl.sim.SimVmbus;
import dev.vmbkmcl.sim.replay.ReplayHost;
import dev.vmbkmcl.sim.replay.ReplayMode;
import dev.vmbkmcl.sim.replay.ReplayResult;
import dev.vmbkmcl.sim.replay.ReplayScript;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The balloon session recorded in the lab against QEMU's real VMBus host, replayed offline against
 * the unchanged balloon guest driver, and against a guest whose answer was changed on purpose.
 */
class LabReplayTest {
  private static final UUID INSTANCE = UUID.fromString("4a2fe6b3-39a8-4c1c-9d6e-16d2b6b3c0aa");
  private static final long TIMEOUT_SECONDS = 60;

  @TempDir Path dir;

  private static ReplayScript labScript() throws Exception {
    return ReplayScript.of(PcapngReader.read(TracedRun.labCapture()), PacketText.DYNAMIC_MEMORY);
  }

  @Test
  void theUnchangedBalloonGuestRepeatsTheRealHostsSession() throws Exception {
    ReplayScript script = labScript();
    assertEquals(51, script.guestPackets(), "version, capabilities, balloon answer, 48 reports");
    SimVmbus bus = new SimVmbus();
    ReplayHost host = new ReplayHost(bus.hostDevice(), script, ReplayMode.LENIENT, INSTANCE);
    host.offer();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BalloonGuest guest = new BalloonGuest(bus.guestDevice(),
        new PrintStream(out, true, StandardCharsets.UTF_8), 1000);
    ReplayResult result;
    try {
      KmclCalls.require(guest.enable(), "guest: VmbChannelEnable");
      result = host.run(TIMEOUT_SECONDS);
    } finally {
      guest.disable();
      host.withdraw();
    }
    assertTrue(result.matched(), result::divergence);
    // version 2.0, capabilities, the balloon answer; the 48 recorded status reports left out.
    assertEquals(3, result.guestPacketsMatched(), result::toString);
    assertEquals(3, result.hostPacketsSent(), result::toString);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("guest: host asks for 131072 pages;"
        + " a user-space driver cannot give pages: answering 0 ranges (at my floor)"), out::toString);
  }

  private ReplayResult replayAgainstScriptedGuest(ReplayMode mode, UnaryOperator<ByteBuffer> change)
      throws Exception {
    PcapngReader.Capture capture = PcapngReader.read(TracedRun.labCapture());
    SimVmbus bus = new SimVmbus();
    ReplayHost host = new ReplayHost(bus.hostDevice(),
        ReplayScript.of(capture, PacketText.DYNAMIC_MEMORY), mode, INSTANCE);
    host.offer();
    ScriptedGuest guest = new ScriptedGuest(bus.guestDevice(), capture,
        PacketText.DYNAMIC_MEMORY, change);
    try {
      guest.start();
      return host.run(TIMEOUT_SECONDS);
    } finally {
      guest.stop();
      host.withdraw();
    }
  }

  @Test
  void theRecordedGuestItselfReplaysStrictlyStatusReportsIncluded() throws Exception {
    ReplayResult result = replayAgainstScriptedGuest(ReplayMode.STRICT, p -> p);
    assertTrue(result.matched(), result::divergence);
    assertEquals(51, result.guestPacketsMatched());
    assertEquals(0, result.ignored());
  }

  @Test
  void aChangedBalloonAnswerFailsWithBothPacketsDecoded() throws Exception {
    // The guest now claims to give one page range: DM type 7 with range_count 1 (u32 at 12, bit 1).
    UnaryOperator<ByteBuffer> change = p -> {
      if (p.order(ByteOrder.LITTLE_ENDIAN).getShort(0) != 7) {
        return p;
      }
      ByteBuffer changed = ByteBuffer.allocate(p.limit()).order(ByteOrder.LITTLE_ENDIAN);
      changed.put(0, p, 0, p.limit()).putInt(12, 1 << 1);
      return changed;
    };
    ReplayResult result = replayAgainstScriptedGuest(ReplayMode.LENIENT, change);
    assertFalse(result.matched());
    String d = result.divergence();
    assertTrue(d.startsWith("replay (lenient) diverged at packet "), d);
    assertTrue(d.contains("the guest sent a different packet"), d);
    assertTrue(d.contains("\n  recorded: inband flags=0x0 txid=0x0 offset8=2 len8=4 payload=16"
        + " | dm balloon_response size=16 dmtxid=0 more=0 ranges=0"), d);
    assertTrue(d.contains("\n  live:     inband flags=0x0 txid=0x0 offset8=2 len8=4 payload=16"
        + " | dm balloon_response size=16 dmtxid=0 more=0 ranges=1"), d);
    assertEquals(2, result.guestPacketsMatched(), d);
  }

  @Test
  void aHeartbeatSessionReplaysStrictlyAgainstTheHeartbeatGuest() throws Exception {
    Path file = dir.resolve("hb.pcapng");
    assertEquals(0, TracedRun.of(file, "heartbeat", "--beats", "4").exitCode());
    ReplayScript script = ReplayScript.of(PcapngReader.read(file), PacketText.HEARTBEAT);
    assertEquals(5, script.hostPackets(), "negotiate and 4 heartbeats");
    SimVmbus bus = new SimVmbus();
    ReplayHost host = new ReplayHost(bus.hostDevice(), script, ReplayMode.STRICT, INSTANCE);
    host.offer();
    HeartbeatGuest guest = new HeartbeatGuest(bus.guestDevice(),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    ReplayResult result;
    try {
      KmclCalls.require(guest.enable(), "guest: VmbChannelEnable");
      result = host.run(TIMEOUT_SECONDS);
    } finally {
      guest.disable();
      host.withdraw();
    }
    assertTrue(result.matched(), result::divergence);
    assertEquals(5, result.guestPacketsMatched());
    assertEquals(4, guest.progress().count());
  }
}
