package dev.vmbkmcl.sim;

import static dev.vmbkmcl.Vmbkmcl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The public connected-pair factory, both wait strategies, and VTL-targeted offers. */
class SimChannelPairTest {
  private static final UUID INSTANCE = UUID.fromString("a1a2a3a4-b1b2-c1c2-d1d2-e1e2e3e4e5e6");

  @ParameterizedTest
  @EnumSource(SimWait.class)
  void aConnectedPairAnswersSynchronousRequests(SimWait wait) throws Exception {
    SimVmbus bus = new SimVmbus(TimeSource.SYSTEM, SimFaults.none(), wait);
    SimChannelPair pair = SimChannelPair.open(bus, SimChannelPair.DEFAULT_INTERFACE_TYPE, 4,
        server -> VmbChannelInitSetProcessPacketCallbacks(server, (ch, pkt, buf, len, flags) -> {
          ByteBuffer reply = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
              .putLong(0, buf.order(ByteOrder.LITTLE_ENDIAN).getLong(buf.position()) + 1);
          VmbChannelPacketComplete(pkt, reply, 8);
        }, null),
        client -> VmbChannelInitSetProcessPacketCallbacks(client, (ch, pkt, buf, len, flags) ->
            VmbChannelPacketComplete(pkt, null, 0), null));
    ByteBuffer answer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < 100; i++) {
      UInt32Ref size = new UInt32Ref(8);
      assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelSendSynchronousRequest(pair.client(),
          ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, i), 8, null,
          VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, answer, size, null));
      assertEquals(i + 1, answer.getLong(0));
    }
    pair.close();
    assertFalse(((EngineChannel) pair.client()).isOpen());
  }

  @Test
  void aTestsOwnStateCallbacksRunBeforeThePairLogsTheChange() throws Exception {
    List<String> own = new CopyOnWriteArrayList<>();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS client = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(client);
    client.EvtChannelPostStarted = ch -> own.add("postStarted");
    client.EvtChannelClosed = ch -> own.add("closed");
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS server = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(server);
    server.EvtChannelOpened = ch -> {
      own.add("server opened");
      return NtStatus.STATUS_SUCCESS;
    };
    SimChannelPair pair = SimChannelPair.builder(new SimVmbus()).ringPages(4)
        .serverStateCallbacks(server).clientStateCallbacks(client).open();
    assertEquals(1, pair.count("client:postStarted"));
    assertEquals(1, pair.count("server:opened"));
    assertTrue(own.containsAll(List.of("server opened", "postStarted")), own.toString());
    VmbChannelDisable(pair.client());
    pair.awaitEvent("client:closed");
    assertTrue(own.contains("closed"), own.toString());
    pair.close();
  }

  @Test
  void anOfferForAnotherVtlIsNotOpenedByTheGuest() throws Exception {
    SimVmbus bus = new SimVmbus();
    Ref<VMBCHANNEL> s = new Ref<>();
    VmbChannelAllocate(bus.hostDevice(), TRUE, s);
    VMBCHANNEL server = s.require();
    VmbServerChannelInitSetTargetInterfaceId(server, SimChannelPair.DEFAULT_INTERFACE_TYPE, INSTANCE);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbServerChannelInitSetTargetVtl(server, 2));
    VmbChannelEnable(server);
    Ref<VMBCHANNEL> c = new Ref<>();
    VmbChannelAllocate(bus.guestDevice(), FALSE, c);
    VmbClientChannelInitSetTargetPnp(c.require(), SimChannelPair.DEFAULT_INTERFACE_TYPE, null, null);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelEnable(c.require()));
    // No sleep: a VTL 0 offer of the same type published now is the one the guest must open, so
    // the guest opening it proves that it waited instead of taking the VTL 2 offer.
    UUID vtl0Instance = UUID.fromString("0f0f0f0f-0000-4000-8000-000000000002");
    Ref<VMBCHANNEL> s0 = new Ref<>();
    VmbChannelAllocate(bus.hostDevice(), TRUE, s0);
    VmbServerChannelInitSetTargetInterfaceId(s0.require(), SimChannelPair.DEFAULT_INTERFACE_TYPE, vtl0Instance);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelEnable(s0.require()));
    for (int i = 0; i < 30_000 && !((EngineChannel) c.require()).isOpen(); i++) {
      Thread.sleep(1);
    }
    assertTrue(((EngineChannel) c.require()).isOpen(), "the guest never opened the VTL 0 offer");
    assertEquals(2, bus.offers().size());
    assertNotNull(bus.offers().get(0));
    assertFalse(bus.offers().get(0).open(), "a VTL 0 guest opened a VTL 2 offer");
    assertEquals(vtl0Instance, bus.offers().get(1).interfaceInstance());
    assertTrue(bus.offers().get(1).open());
  }
}
