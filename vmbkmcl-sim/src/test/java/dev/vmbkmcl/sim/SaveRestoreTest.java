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
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Server save/restore (kmcl-api.md §1.7): a server with transactions in flight is saved in chunks,
 * torn down, restored into a new channel, and the guest's completions reach the new channel.
 */
class SaveRestoreTest {
  private static final UUID INSTANCE = UUID.fromString("a1a2a3a4-b1b2-c1c2-d1d2-e1e2e3e4e5e6");

  /** The driver's private per-packet state: a tag kept with VmbPacketSetPointer. */
  private final Map<Integer, Long> completedTags = new ConcurrentHashMap<>();
  private final CountDownLatch restoredDone = new CountDownLatch(3);

  private NtStatus savePacket(VMBCHANNEL ch, VMBPACKET packet, ByteBuffer saveBuf, int size,
      UInt32Ref needed) {
    if (size < 4) {
      needed.set(4);
      return NtStatus.STATUS_BUFFER_TOO_SMALL; // the first call always has SaveBufSize == 0
    }
    saveBuf.putInt(0, (Integer) java.util.Objects.requireNonNull(VmbPacketGetPointer(packet)));
    return NtStatus.STATUS_SUCCESS;
  }

  private NtStatus restorePacket(VMBCHANNEL ch, ByteBuffer lib, int libSize, ByteBuffer save,
      int saveSize) {
    VMBPACKET packet = VmbPacketAllocate(ch);
    if (packet == null) {
      return NtStatus.STATUS_INSUFFICIENT_RESOURCES;
    }
    NtStatus s = VmbPacketRestore(packet, lib, libSize);
    if (!NT_SUCCESS(s)) {
      return s;
    }
    int tag = save.getInt(save.position());
    VmbPacketSetCompletionRoutine(packet, (p, status, buf, len) -> {
      if (status.equals(NtStatus.STATUS_SUCCESS) && buf != null) {
        completedTags.put(tag, buf.order(ByteOrder.LITTLE_ENDIAN).getLong(buf.position()));
      }
      restoredDone.countDown();
    });
    return NtStatus.STATUS_SUCCESS;
  }

  private VMBCHANNEL server(SimVmbus bus) {
    Ref<VMBCHANNEL> s = new Ref<>();
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelAllocate(bus.hostDevice(), TRUE, s));
    VMBCHANNEL server = s.require();
    VmbServerChannelInitSetTargetInterfaceId(server, SimChannelPair.DEFAULT_INTERFACE_TYPE, INSTANCE);
    VmbChannelInitSetProcessPacketCallbacks(server, (ch, pkt, buf, len, f) ->
        VmbChannelPacketComplete(pkt, null, 0), null);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbServerChannelInitSetSaveRestorePacketCallbacks(server,
        this::savePacket, this::restorePacket));
    return server;
  }

  @Test
  void inFlightTransactionsCompleteOnTheRestoredChannel() throws Exception {
    SimVmbus bus = new SimVmbus();
    BlockingQueue<VMBPACKETCOMPLETION> held = new ArrayBlockingQueue<>(8);
    List<String> clientEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
    VMBCHANNEL oldServer = server(bus);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelEnable(oldServer));
    VmbChannelStart(oldServer);
    Ref<VMBCHANNEL> c = new Ref<>();
    VmbChannelAllocate(bus.guestDevice(), FALSE, c);
    VMBCHANNEL client = c.require();
    VmbClientChannelInitSetTargetPnp(client, SimChannelPair.DEFAULT_INTERFACE_TYPE, null, null);
    VmbChannelInitSetProcessPacketCallbacks(client, (ch, pkt, buf, len, f) -> held.add(pkt), null);
    dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS cb = new dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(cb);
    cb.EvtChannelClosed = ch -> clientEvents.add("closed");
    VmbChannelInitSetStateChangeCallbacks(client, cb);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelEnable(client));
    TwoSidedProtocolTest.awaitOpen(bus, client);

    List<NtStatus> oldCompletions = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int tag = 1; tag <= 3; tag++) {
      VMBPACKET p = VmbPacketAllocate(oldServer);
      assertNotNull(p);
      VmbPacketSetPointer(p, tag);
      VmbPacketSetCompletionRoutine(p, (pk, st, b, l) -> oldCompletions.add(st));
      assertEquals(NtStatus.STATUS_SUCCESS, VmbPacketSend(p, ByteBuffer.allocate(8).putInt(0, tag), 8,
          null, VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION));
    }
    List<VMBPACKETCOMPLETION> deliveries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      VMBPACKETCOMPLETION d = held.poll(30, TimeUnit.SECONDS);
      assertNotNull(d);
      deliveries.add(d);
    }

    // Save in as many small pieces as the chunks allow.
    VmbChannelPause(oldServer);
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelSaveBegin(oldServer));
    UInt32Ref filled = new UInt32Ref();
    UInt32Ref required = new UInt32Ref();
    assertEquals(NtStatus.STATUS_BUFFER_TOO_SMALL,
        VmbChannelSaveContinue(oldServer, ByteBuffer.allocate(4), 4, filled, required));
    assertEquals(0, filled.get());
    assertTrue(required.get() > 4);
    List<ByteBuffer> pieces = new ArrayList<>();
    NtStatus s;
    int overflows = 0;
    do {
      ByteBuffer piece = ByteBuffer.allocate(Math.max(required.get(), 60));
      s = VmbChannelSaveContinue(oldServer, piece, piece.capacity(), filled, required);
      assertTrue(filled.get() > 0, "progress on " + s);
      pieces.add(piece.limit(filled.get()));
      if (s.equals(NtStatus.STATUS_BUFFER_OVERFLOW)) {
        overflows++;
      }
    } while (s.equals(NtStatus.STATUS_BUFFER_OVERFLOW));
    assertEquals(NtStatus.STATUS_SUCCESS, s);
    assertTrue(overflows > 0, "the save should have needed several pieces");
    VmbChannelSaveEnd(oldServer);
    VmbChannelDisable(oldServer);
    VmbChannelCleanup(oldServer);
    assertTrue(oldCompletions.isEmpty(), "saved packets belong to the save: " + oldCompletions);

    VMBCHANNEL newServer = server(bus);
    for (int i = 0; i < pieces.size(); i++) {
      NtStatus r = VmbChannelRestoreFromBuffer(newServer, pieces.get(i), pieces.get(i).limit());
      assertEquals(i == pieces.size() - 1 ? NtStatus.STATUS_SUCCESS
          : NtStatus.STATUS_MORE_PROCESSING_REQUIRED, r);
    }
    assertEquals(NtStatus.STATUS_SUCCESS, VmbChannelEnable(newServer));
    VmbChannelStart(newServer);

    for (VMBPACKETCOMPLETION d : deliveries) {
      ByteBuffer answer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000L + deliveries.indexOf(d));
      VmbChannelPacketComplete(d, answer, 8);
    }
    assertTrue(restoredDone.await(30, TimeUnit.SECONDS), "restored completions: " + completedTags);
    assertEquals(Map.of(1, 1000L, 2, 1001L, 3, 1002L), completedTags);
    assertFalse(clientEvents.contains("closed"), "the guest must not see the servicing");
    VmbChannelDisable(client);
    VmbChannelDisable(newServer);
  }

  @Test
  void restoreRejectsAMalformedChunkAndAnEnabledChannel() throws Exception {
    SimVmbus bus = new SimVmbus();
    VMBCHANNEL server = server(bus);
    ByteBuffer garbage = ByteBuffer.allocate(16);
    assertEquals(NtStatus.STATUS_INVALID_PARAMETER_2, VmbChannelRestoreFromBuffer(server, garbage, 16));
    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, VmbChannelSaveContinue(server,
        ByteBuffer.allocate(64), 64, new UInt32Ref(), new UInt32Ref()));
    VmbChannelEnable(server);
    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, VmbChannelRestoreFromBuffer(server, garbage, 16));
    VmbChannelDisable(server);
  }
}
