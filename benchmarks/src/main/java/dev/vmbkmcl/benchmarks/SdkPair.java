package dev.vmbkmcl.benchmarks;

import static dev.vmbkmcl.Vmbkmcl.NT_SUCCESS;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetMaximumPacketSize;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelInitSetProcessPacketCallbacks;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;

import dev.vmbkmcl.EVT_VMB_CHANNEL_PROCESS_PACKET;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.channel.IdleStrategy;
import dev.vmbkmcl.ext.ChannelIdle;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimFaults;
import dev.vmbkmcl.sim.SimVmbus;
import dev.vmbkmcl.spi.TimeSource;
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
        ringDataBytes / 4096 + 1,
        server -> configure(server, idle, maximumPacketSize, serverPackets),
        client -> {
          // The client receives only completions of its own packets, which the engine retires.
          configure(client, idle, maximumPacketSize,
              (channel, packet, buffer, length, flags) -> VmbChannelPacketComplete(packet, null, 0));
          beforeClientEnable.accept(client);
        });
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
