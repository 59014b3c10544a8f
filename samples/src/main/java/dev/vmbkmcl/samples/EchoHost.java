package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * The echo device on the simulated host, written with the KMCL server API: it answers each request
 * in its completion ({@code VmbChannelPacketComplete} with a buffer), echoing {@link
 * EchoProtocol#OP_ECHO} requests and, for {@link EchoProtocol#OP_CHECKSUM}, mapping the guest's
 * GPADL with {@code VmbChannelMapGpadl} and answering with the CRC-32 of its bytes.
 */
final class EchoHost {
  private final PrintStream out;
  private final VMBCHANNEL channel;
  /** The completion being built; deliveries of one channel run one at a time, in order. */
  private final ByteBuffer answer = ByteBuffer.allocate(EchoProtocol.HEADER + Options.MAX_ECHO_SIZE)
      .order(ByteOrder.LITTLE_ENDIAN);

  /**
   * Prepares the echo offer under the simulated host's device.
   *
   * @throws SampleException when a KMCL call fails
   */
  EchoHost(DeviceObject host, PrintStream out) throws SampleException {
    this.out = out;
    Ref<VMBCHANNEL> ch = new Ref<>();
    KmclCalls.require(VmbChannelAllocate(host, TRUE, ch), "host: VmbChannelAllocate");
    channel = ch.require();
    KmclCalls.require(VmbServerChannelInitSetTargetInterfaceId(channel, EchoProtocol.ECHO_CLASS,
        EchoProtocol.INSTANCE), "host: VmbServerChannelInitSetTargetInterfaceId");
    KmclCalls.require(VmbChannelInitSetProcessPacketCallbacks(channel, this::onPacket, null),
        "host: VmbChannelInitSetProcessPacketCallbacks");
    // Mapping a GPADL may block, which KMCL allows only at PASSIVE_LEVEL.
    VmbChannelSetIncomingProcessingAtPassive(channel, TRUE);
  }

  /** Publishes the offer: enable, then start, as a server does. */
  void offer() throws SampleException {
    KmclCalls.require(VmbChannelEnable(channel), "host: VmbChannelEnable");
    VmbChannelStart(channel);
    out.println("host: offering the echo device (class " + EchoProtocol.ECHO_CLASS + ")");
  }

  /** Rescinds the offer. */
  void withdraw() {
    VmbChannelDisable(channel);
    VmbChannelCleanup(channel);
  }

  private void onPacket(VMBCHANNEL ch, VMBPACKETCOMPLETION packet, ByteBuffer buffer, int length,
      int flags) {
    ByteBuffer request = buffer.slice(buffer.position(), length).order(ByteOrder.LITTLE_ENDIAN);
    int op = length < EchoProtocol.HEADER ? 0 : request.getInt(EchoProtocol.OP);
    answer.clear();
    // The delivered length includes the sender's padding to 8 bytes; echo what was sent.
    long sent = op == EchoProtocol.OP_ECHO
        ? EchoProtocol.HEADER + Integer.toUnsignedLong(request.getInt(EchoProtocol.B)) : 0;
    if (op == EchoProtocol.OP_ECHO && sent <= Math.min(length, answer.capacity())) {
      answer.put(0, request, 0, (int) sent);
      VmbChannelPacketComplete(packet, answer, (int) sent);
      return;
    }
    answer.putLong(EchoProtocol.CRC, 0);
    if (op == EchoProtocol.OP_CHECKSUM) {
      long crc = checksum(request.getInt(EchoProtocol.A), request.getInt(EchoProtocol.B));
      answer.putInt(EchoProtocol.RESULT, crc < 0 ? EchoProtocol.RESULT_FAILED
          : EchoProtocol.RESULT_OK).putLong(EchoProtocol.CRC, Math.max(crc, 0));
    } else {
      answer.putInt(EchoProtocol.RESULT, EchoProtocol.RESULT_FAILED);
    }
    VmbChannelPacketComplete(packet, answer, EchoProtocol.ANSWER_SIZE);
  }

  /** CRC-32 of the first {@code bytes} bytes the GPADL describes, or -1 if it cannot be read. */
  private long checksum(int gpadl, int bytes) {
    Ref<Mdl> mdl = new Ref<>();
    if (!NT_SUCCESS(VmbChannelMapGpadl(channel, VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY, gpadl, mdl))) {
      return -1;
    }
    try {
      CRC32 crc = new CRC32();
      long left = Integer.toUnsignedLong(bytes);
      for (Mdl m = mdl.get(); m != null && left > 0; m = m.next()) {
        ByteBuffer va = m.systemAddress();
        if (va == null) {
          return -1;
        }
        int n = (int) Math.min(va.remaining(), left);
        crc.update(va.slice(0, n));
        left -= n;
      }
      return left == 0 ? crc.getValue() : -1;
    } finally {
      VmbChannelUnmapGpadl(channel, gpadl);
    }
  }
}
