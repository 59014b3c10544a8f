package dev.vmbkmcl.benchmarks;

import static dev.vmbkmcl.Vmbkmcl.NT_SUCCESS;
import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetMaximumPacketSize;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetProcessPacketCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbPacketSend;

import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import dev.vmbkmcl.channel.IdleStrategy;
import dev.vmbkmcl.ext.ChannelIdle;
import dev.vmbkmcl.ring.HvPage;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimFaults;
import dev.vmbkmcl.sim.SimVmbus;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * How the SDK benchmarks set up the simulator's public {@link SimChannelPair}: the client sends, the
 * server's process-packet callback is the benchmark's receiver.
 */
final class SdkPair {
  private static final UUID INTERFACE_TYPE = UUID.fromString("6c8e2b4d-0f5a-4e0c-9b73-2d1f0a7c5e11");

  private SdkPair() {}

  /**
   * Opens a pair on a new {@link SimVmbus} whose rings each have a data area of {@code
   * ringDataBytes} (one control page is added), both ends accepting packets of up to {@code
   * maximumPacketSize} bytes, and returns once both are open.
   *
   * @param time the clock and wait strategy of the simulated VMBus (how synchronous waiters wait)
   * @param serverPackets the server's {@code EvtVmbChannelProcessPacket}
   */
  static SimChannelPair open(TimeSource time, int ringDataBytes, int maximumPacketSize,
      EVT_VMB_CHANNEL_PROCESS_PACKET serverPackets) throws InterruptedException {
    return open(time, IdleStrategy.PARK, ringDataBytes, maximumPacketSize, serverPackets);
  }

  /**
   * As {@link #open(TimeSource, int, int, EVT_VMB_CHANNEL_PROCESS_PACKET)}, both channels waiting
   * with {@code idle} (the {@code dev.vmbkmcl.ext.ChannelIdle} extension).
   */
  static SimChannelPair open(TimeSource time, IdleStrategy idle, int ringDataBytes,
      int maximumPacketSize, EVT_VMB_CHANNEL_PROCESS_PACKET serverPackets)
      throws InterruptedException {
    return open(time, idle, ringDataBytes, maximumPacketSize, serverPackets, client -> { });
  }

  /**
   * As {@link #open(TimeSource, IdleStrategy, int, int, EVT_VMB_CHANNEL_PROCESS_PACKET)}, calling
   * {@code beforeClientEnable} on the configured client channel just before its {@code
   * VmbChannelEnable} (where a capture tap is attached).
   */
  static SimChannelPair open(TimeSource time, IdleStrategy idle, int ringDataBytes,
      int maximumPacketSize, EVT_VMB_CHANNEL_PROCESS_PACKET serverPackets,
      Consumer<VMBCHANNEL> beforeClientEnable) throws InterruptedException {
    return SimChannelPair.open(new SimVmbus(time, SimFaults.none()), INTERFACE_TYPE,
        ringDataBytes / HvPage.SIZE + 1,
        server -> configure(server, idle, maximumPacketSize, serverPackets),
        client -> {
          // The client receives only completions of its own packets, which the engine retires.
          configure(client, idle, maximumPacketSize,
              (channel, packet, buffer, length, flags) -> VmbChannelPacketComplete(packet, null, 0));
          beforeClientEnable.accept(client);
        });
  }

  /**
   * The stream's unit of work: one {@code VmbPacketAllocate} + {@code VmbPacketSend} of {@code
   * length} bytes of {@code message}, no completion requested. The packet's default completion
   * routine returns it to the pool once it is in the ring; while every packet of the pool waits on
   * a full ring, the sender yields until one is written. Shared by every stream benchmark, so they
   * measure the same work.
   */
  @SuppressWarnings("ThreadPriorityCheck") // on 2 cores the delivery threads need the sender's core
  static void sendOne(VMBCHANNEL client, ByteBuffer message, int length) {
    VMBPACKET packet = VmbPacketAllocate(client);
    while (packet == null) {
      Thread.yield();
      packet = VmbPacketAllocate(client);
    }
    check("VmbPacketSend", VmbPacketSend(packet, message, length, null, 0));
  }

  /**
   * The round trip's unit of work: one {@code VmbChannelSendSynchronousRequest} of {@code
   * requestLength} bytes with WAIT_FOR_COMPLETION, its answer into {@code reply}. Shared by every
   * round-trip benchmark, so they measure the same work.
   *
   * @return the answer's length
   */
  static int request(VMBCHANNEL client, ByteBuffer request, int requestLength, ByteBuffer reply,
      UInt32Ref replySize) {
    replySize.set(reply.capacity());
    check("VmbChannelSendSynchronousRequest", VmbChannelSendSynchronousRequest(client, request,
        requestLength, null, VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, reply, replySize, null));
    return replySize.get();
  }

  private static void configure(VMBCHANNEL channel, IdleStrategy idle, int maximumPacketSize,
      EVT_VMB_CHANNEL_PROCESS_PACKET packets) {
    check("VmbChannelInitSetIdleStrategy", ChannelIdle.VmbChannelInitSetIdleStrategy(channel, idle));
    check("VmbChannelInitSetMaximumPacketSize",
        VmbChannelInitSetMaximumPacketSize(channel, maximumPacketSize));
    check("VmbChannelInitSetProcessPacketCallbacks",
        VmbChannelInitSetProcessPacketCallbacks(channel, packets, null));
  }

  private static void check(String call, NtStatus status) {
    if (!NT_SUCCESS(status)) {
      throw new IllegalStateException(call + " returned " + status);
    }
  }
}
