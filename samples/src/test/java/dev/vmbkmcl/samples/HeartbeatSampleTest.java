package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.samples.ic.Heartbeat;
import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import dev.vmbkmcl.samples.ic.IcNegotiator;
import dev.vmbkmcl.sim.SimVmbus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The heartbeat sample on the simulated VMBus, and its host's checks failing a wrong guest. */
class HeartbeatSampleTest {
  @Test
  void negotiatesAndAnswersEveryBeat() throws InterruptedException {
    SampleRun r = SampleRun.of("heartbeat", "--backend", "sim", "--beats", "7");
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.hasLine("guest: negotiated framework 3.0, heartbeat 3.0"), r::toString);
    assertTrue(r.hasLine("host: guest chose framework 3.0, heartbeat 3.0"), r::toString);
    for (long seq = 16; seq < 23; seq++) {
      assertTrue(r.hasLine("guest: heartbeat seq " + seq + " -> answered " + (seq + 1)),
          r::toString);
    }
    assertTrue(r.output().strip().endsWith(
        "ok: 7 heartbeats answered by the guest driver and checked by the host"), r::toString);
  }

  @Test
  void heartbeatIsTheDefaultSample() throws InterruptedException {
    SampleRun r = SampleRun.of();
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.hasLine("ok: 5 heartbeats answered by the guest driver and checked by the host"),
        r::toString);
  }

  @Test
  void theHostRejectsAGuestThatCountsWrong() throws Exception {
    SimVmbus bus = new SimVmbus();
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    HeartbeatHost host = new HeartbeatHost(bus.hostDevice(), out);
    host.offer();
    VMBCHANNEL guest = skippingGuest(bus);
    try {
      String message =
          String.valueOf(assertThrows(SampleException.class, () -> host.run(3)).getMessage());
      assertTrue(message.startsWith("heartbeat: wrong answer to sequence 16"), message);
      assertTrue(message.endsWith("carrying sequence 18, expected 17"), message);
    } finally {
      VmbChannelDisable(guest);
      VmbChannelCleanup(guest);
      host.withdraw();
    }
  }

  /** A guest that negotiates correctly but answers each heartbeat with sequence + 2. */
  private static VMBCHANNEL skippingGuest(SimVmbus bus) {
    Ref<VMBCHANNEL> ch = new Ref<>();
    assertEquals(0, VmbChannelAllocate(bus.guestDevice(), FALSE, ch).value());
    VMBCHANNEL channel = ch.require();
    VmbClientChannelInitSetTargetPnp(channel, HeartbeatGuest.HEARTBEAT_CLASS, null, null);
    VmbChannelInitSetProcessPacketCallbacks(channel, (c, packet, buffer, length, flags) -> {
      ByteBuffer copy = ByteBuffer.allocate(length);
      copy.put(0, buffer, buffer.position(), length);
      IcMessage m = Objects.requireNonNull(IcMessage.parse(copy, 0, length));
      if (m.messageType() == IcHeader.TYPE_NEGOTIATE) {
        IcNegotiator.HEARTBEAT.respond(m);
      } else {
        Heartbeat.respond(m);
        int seq = m.bodyOffset() + Heartbeat.SEQUENCE;
        m.buffer().putLong(seq, m.buffer().getLong(seq) + 1);
      }
      KmclCalls.sendInband(c, m.buffer(), length);
      VmbChannelPacketComplete(packet, null, 0);
    }, null);
    assertEquals(0, VmbChannelEnable(channel).value());
    return channel;
  }
}
