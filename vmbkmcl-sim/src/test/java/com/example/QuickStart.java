package com.example;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import dev.vmbkmcl.sim.SimVmbus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A guest asks a host on the simulated VMBus to add one to 41 and prints the answer. */
public final class QuickStart {
  /** The interface type the server offers and the client looks for: any GUID both agree on. */
  static final UUID ADDER = UUID.fromString("6a1d2c3e-0000-4a5b-8c7d-000000000041");

  public static void main(String[] args) throws InterruptedException {
    SimVmbus bus = new SimVmbus(); // a host and a guest partition in this JVM

    // Server (host, VSP): offers ADDER and answers each request in its completion packet.
    Ref<VMBCHANNEL> server = new Ref<>();
    check(VmbChannelAllocate(bus.hostDevice(), TRUE, server), "allocate server");
    check(VmbServerChannelInitSetTargetInterfaceId(server.get(), ADDER, UUID.randomUUID()),
        "set interface");
    check(VmbChannelInitSetProcessPacketCallbacks(server.get(),
        (Channel, Packet, Buffer, BufferLength, Flags) -> {
          long n = Buffer.order(ByteOrder.LITTLE_ENDIAN).getLong(Buffer.position());
          ByteBuffer sum = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n + 1);
          VmbChannelPacketComplete(Packet, sum, 8);
        }, null), "set server callbacks");
    check(VmbChannelEnable(server.get()), "enable server"); // publishes the offer
    VmbChannelStart(server.get()); // a server starts paused

    // Client (guest, VSC): opens the offer with rings of 4 pages (16 KiB) each way, control
    // page included; may send once EvtChannelPostStarted ran.
    Ref<VMBCHANNEL> client = new Ref<>();
    CountDownLatch started = new CountDownLatch(1);
    check(VmbChannelAllocate(bus.guestDevice(), FALSE, client), "allocate client");
    check(VmbClientChannelInitSetTargetPnp(client.get(), ADDER, null, null), "set target");
    check(VmbClientChannelInitSetRingBufferPageCount(client.get(), 4, 4), "set ring size");
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = new VMB_CHANNEL_STATE_CHANGE_CALLBACKS();
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS_INIT(callbacks);
    callbacks.EvtChannelPostStarted = Channel -> started.countDown();
    check(VmbChannelInitSetStateChangeCallbacks(client.get(), callbacks), "set client callbacks");
    check(VmbChannelEnable(client.get()), "enable client"); // returns before the channel opens
    if (!started.await(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the channel did not open within 10 s");
    }

    // A synchronous request: the 8-byte question out, the 8-byte answer back.
    ByteBuffer question = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 41);
    ByteBuffer answer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    UInt32Ref answerSize = new UInt32Ref(8);
    LargeInteger timeout = new LargeInteger(-10L * 1000 * 10000); // 10 s, relative, 100 ns units
    check(VmbChannelSendSynchronousRequest(client.get(), question, 8, null,
        VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, answer, answerSize, timeout), "request");
    System.out.println("the host answered " + answer.getLong(0));

    // Tear down: the guest first, as a guest shuts down before its host.
    VmbChannelDisable(client.get());
    VmbChannelCleanup(client.get());
    VmbChannelDisable(server.get());
    VmbChannelCleanup(server.get());
  }

  private static void check(NtStatus status, String what) {
    if (!NT_SUCCESS(status)) {
      throw new IllegalStateException(what + ": " + status);
    }
  }
}
