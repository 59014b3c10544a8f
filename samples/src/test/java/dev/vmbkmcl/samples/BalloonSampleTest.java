package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.samples.dm.DmDecoder;
import dev.vmbkmcl.samples.dm.DmMessage;
import dev.vmbkmcl.samples.dm.DmVersion;
import dev.vmbkmcl.sim.SimVmbus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Dynamic Memory sample on the simulated VMBus: version fallback against hosts of each
 * protocol, the honest answers, and a host that refuses every version.
 */
class BalloonSampleTest {
  private static String runAgainst(DmVersion hostNewest) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BalloonSample.onSim(hostNewest, 20, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theMainEntryFallsBackToTheSimulatedHostsProtocol() throws InterruptedException {
    SampleRun r = SampleRun.of("balloon", "--report-ms", "20");
    assertEquals(0, r.exitCode(), r::toString);
    for (String line : List.of(
        "guest: proposing Dynamic Memory protocol 2.0",
        "host: guest proposes 2.0: refused",
        "guest: host refused protocol 2.0",
        "host: guest proposes 1.0: accepted",
        "host: guest capabilities: balloon true, hot add false, min_page_cnt 0",
        "host: status report 2 received",
        "host: guest gave 0 of 256 pages (range_count 0: at its floor)",
        "host: guest acknowledged the return once",
        "host: guest added 0 pages (result 0), as a user-space guest must")) {
      assertTrue(r.hasLine(line), () -> line + " missing in\n" + r);
    }
    assertTrue(r.output().contains("ok: protocol 1.0 negotiated, capabilities accepted"),
        r::toString);
  }

  @Test
  void aCurrentHostAcceptsTheFirstProposal() throws Exception {
    String out = runAgainst(DmVersion.V2_0);
    assertTrue(out.contains("host: guest proposes 2.0: accepted"), out);
    assertTrue(!out.contains("refused"), out);
    assertTrue(out.contains("ok: protocol 2.0 negotiated"), out);
  }

  @Test
  void aWindows7HostNeedsTheLastAttempt() throws Exception {
    String out = runAgainst(DmVersion.V0_3);
    assertTrue(out.contains("host: guest proposes 1.0: refused"), out);
    assertTrue(out.contains("guest: proposing Dynamic Memory protocol 0.3 (last attempt)"), out);
    assertTrue(out.contains("ok: protocol 0.3 negotiated"), out);
  }

  @Test
  void theGuestGivesUpWhenEveryVersionIsRefused() throws Exception {
    SimVmbus bus = new SimVmbus();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    SimHostChannel host = new SimHostChannel(bus.hostDevice(), BalloonGuest.DM_CLASS,
        UUID.randomUUID(), "refusing host");
    host.offer();
    BalloonGuest guest = new BalloonGuest(bus.guestDevice(), out, 20);
    List<DmMessage.VersionRequest> requests = new ArrayList<>();
    try {
      assertEquals(0, guest.enable().value());
      host.awaitGuest();
      ByteBuffer answer = ByteBuffer.allocate(16);
      for (int i = 0; i < 3; i++) {
        ByteBuffer payload = host.receive("version request");
        DmMessage.VersionRequest r = assertInstanceOf(DmMessage.VersionRequest.class,
            DmDecoder.decode(payload, 0, payload.limit()));
        requests.add(r);
        host.send(answer, new DmMessage.VersionResponse(r.transId(), false).encode(answer, 0));
      }
      guest.progress().await(Integer.MAX_VALUE, SimHostChannel.WAIT_SECONDS);
    } finally {
      guest.disable();
      host.withdraw();
    }
    assertEquals(List.of(DmVersion.V2_0.code(), DmVersion.V1_0.code(), DmVersion.V0_3.code()),
        requests.stream().map(DmMessage.VersionRequest::version).toList());
    assertEquals(List.of(false, false, true),
        requests.stream().map(DmMessage.VersionRequest::lastAttempt).toList());
    assertEquals(3, requests.stream().map(DmMessage.VersionRequest::transId).distinct().count());
    assertEquals("the host refused every Dynamic Memory protocol version (2.0, 1.0, 0.3)",
        guest.progress().stopReason());
    assertNull(guest.agreed());
    assertEquals(0, guest.reportsSent());
  }
}
