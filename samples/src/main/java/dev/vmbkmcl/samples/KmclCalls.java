package dev.vmbkmcl.samples;

import static dev.vmbkmcl.NtStatus.STATUS_INSUFFICIENT_RESOURCES;
import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKET;
import java.nio.ByteBuffer;

/** The two KMCL call sequences every sample driver and simulated host repeats. */
final class KmclCalls {
  private KmclCalls() {}

  /**
   * Turns a failed KMCL call into the sample's failure.
   *
   * @throws SampleException when {@code NT_SUCCESS(status)} is false, naming {@code call}
   */
  static void require(NtStatus status, String call) throws SampleException {
    if (!NT_SUCCESS(status)) {
      throw new SampleException(call + " failed with " + status);
    }
  }

  /**
   * Sends {@code length} bytes from {@code payload}'s position as one inband packet that asks for no
   * completion: {@code VmbPacketAllocate} then {@code VmbPacketSend} (kmcl-api.md §2.G). The packet's
   * default completion routine returns it to the pool; a packet that was not sent is freed here.
   *
   * @return the send status, or {@code STATUS_INSUFFICIENT_RESOURCES} when the pool is empty
   */
  static NtStatus sendInband(VMBCHANNEL channel, ByteBuffer payload, int length) {
    VMBPACKET packet = VmbPacketAllocate(channel);
    if (packet == null) {
      return STATUS_INSUFFICIENT_RESOURCES;
    }
    NtStatus status = VmbPacketSend(packet, payload, length, null, 0);
    if (!NT_SUCCESS(status)) {
      VmbPacketFree(packet);
    }
    return status;
  }
}
