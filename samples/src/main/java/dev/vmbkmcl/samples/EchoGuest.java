package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.VMB_CHANNEL_STATE_CHANGE_CALLBACKS;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * The echo sample's guest driver, written only with KMCL calls: request/response with {@code
 * VmbChannelSendSynchronousRequest} (the host answers each request through {@code
 * VmbChannelPacketComplete}), and external data through a GPADL: the guest shares a buffer with
 * {@code VmbChannelCreateGpadlFromBuffer}, the host maps it and answers with its checksum.
 * Wire format: {@link EchoProtocol}.
 */
final class EchoGuest {
  /** Bytes shared through the GPADL: 16 pages. */
  static final int SHARED_BYTES = 16 * PAGE_SIZE;

  /** How long one request may wait for its answer before it is cancelled. */
  private static final long ANSWER_MILLIS = 10_000;

  private final PrintStream out;
  private final GuestChannel link;
  private final VMBCHANNEL channel;
  private final CountDownLatch started = new CountDownLatch(1);

  /**
   * Prepares a client channel for the echo device under {@code device}.
   *
   * @throws SampleException when a KMCL call fails
   */
  EchoGuest(DeviceObject device, PrintStream out) throws SampleException {
    this.out = out;
    VMB_CHANNEL_STATE_CHANGE_CALLBACKS callbacks = GuestChannel.noCallbacks();
    callbacks.EvtChannelPostStarted = c -> started.countDown();
    // The host sends nothing but completions; a stray packet is completed and ignored.
    link = new GuestChannel(device, EchoProtocol.ECHO_CLASS, null, 0, this::onPacket, callbacks);
    channel = link.channel();
  }

  /** {@code VmbChannelEnable}: opens the device. */
  NtStatus enable() {
    return link.enable();
  }

  /** Closes the channel if it was enabled and frees it. */
  void disable() {
    link.disable();
  }

  /**
   * Sends {@code count} echo requests of {@code size} payload bytes, one at a time, and checks that
   * each answer is the request byte for byte.
   *
   * @return the measured round trips
   * @throws SampleException when a request fails or an answer differs
   */
  RoundTripFigures echo(int count, int size) throws SampleException, InterruptedException {
    awaitStarted();
    int length = EchoProtocol.HEADER + size;
    ByteBuffer request = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = EchoProtocol.HEADER; i < length; i++) {
      request.put(i, (byte) (i * 7 + 3));
    }
    request.putInt(EchoProtocol.OP, EchoProtocol.OP_ECHO).putInt(EchoProtocol.B, size);
    // *CompletionBufferSize must be a multiple of 8 (kmcl-api.md §5 item 17).
    ByteBuffer answer = ByteBuffer.allocate((length + 7) & ~7);
    UInt32Ref answered = new UInt32Ref();
    long[] nanos = new long[count];
    out.println("guest: sending " + count + " synchronous requests of " + size + " bytes");
    for (int seq = 0; seq < count; seq++) {
      request.putInt(EchoProtocol.A, seq);
      answered.set(answer.capacity());
      long start = System.nanoTime();
      NtStatus status = VmbChannelSendSynchronousRequest(channel, request, length, null,
          VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, answer, answered,
          LargeInteger.relativeMillis(ANSWER_MILLIS));
      nanos[seq] = System.nanoTime() - start;
      KmclCalls.require(status, "guest: VmbChannelSendSynchronousRequest (echo " + seq + ")");
      // Like every VMBus payload the completion arrives padded to 8 bytes.
      if (answered.get() != answer.capacity() || !answer.slice(0, length).equals(request)) {
        throw new SampleException("echo: the answer to request " + seq + " (" + answered.get()
            + " bytes) is not the request (" + length + " bytes)");
      }
    }
    return RoundTripFigures.of(nanos);
  }

  /**
   * Shares {@value #SHARED_BYTES} bytes through a GPADL, has the host checksum them and compares the
   * result with its own CRC-32.
   *
   * @return the checksum both sides computed
   * @throws SampleException when a call fails or the checksums differ
   */
  long checksumThroughGpadl() throws SampleException, InterruptedException {
    awaitStarted();
    ByteBuffer shared = ByteBuffer.allocateDirect(SHARED_BYTES);
    for (int i = 0; i < SHARED_BYTES; i++) {
      shared.put(i, (byte) (i * 31 + 7));
    }
    CRC32 ours = new CRC32();
    ours.update(shared.duplicate());
    UInt32Ref gpadl = new UInt32Ref();
    KmclCalls.require(VmbChannelCreateGpadlFromBuffer(channel, VMBUS_CHANNEL_GPADL_FLAG_READ_ONLY,
        shared, SHARED_BYTES, gpadl), "guest: VmbChannelCreateGpadlFromBuffer");
    try {
      ByteBuffer request = ByteBuffer.allocate(EchoProtocol.HEADER).order(ByteOrder.LITTLE_ENDIAN);
      request.putInt(EchoProtocol.OP, EchoProtocol.OP_CHECKSUM)
          .putInt(EchoProtocol.A, gpadl.get()).putInt(EchoProtocol.B, SHARED_BYTES);
      ByteBuffer answer = ByteBuffer.allocate(EchoProtocol.ANSWER_SIZE)
          .order(ByteOrder.LITTLE_ENDIAN);
      UInt32Ref answered = new UInt32Ref(EchoProtocol.ANSWER_SIZE);
      KmclCalls.require(VmbChannelSendSynchronousRequest(channel, request, EchoProtocol.HEADER,
          null, VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, answer, answered,
          LargeInteger.relativeMillis(ANSWER_MILLIS)),
          "guest: VmbChannelSendSynchronousRequest (checksum)");
      if (answered.get() != EchoProtocol.ANSWER_SIZE
          || answer.getInt(EchoProtocol.RESULT) != EchoProtocol.RESULT_OK) {
        throw new SampleException("echo: the host could not read GPADL " + gpadl.get());
      }
      long theirs = answer.getLong(EchoProtocol.CRC);
      if (theirs != ours.getValue()) {
        throw new SampleException(String.format("echo: the host read CRC-32 0x%08x through"
            + " GPADL %d, the guest has 0x%08x", theirs, gpadl.get(), ours.getValue()));
      }
      out.printf("guest: the host read the %d-byte buffer shared as GPADL %d: CRC-32 0x%08x,"
          + " same as ours%n", SHARED_BYTES, gpadl.get(), theirs);
      return theirs;
    } finally {
      VmbChannelDeleteGpadl(channel, gpadl.get());
    }
  }

  private void awaitStarted() throws SampleException, InterruptedException {
    if (!started.await(SimHostChannel.WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new SampleException("echo: the channel did not open within "
          + SimHostChannel.WAIT_SECONDS + " s");
    }
  }

  private void onPacket(VMBCHANNEL ch, VMBPACKETCOMPLETION packet, ByteBuffer buffer, int length,
      int flags) {
    VmbChannelPacketComplete(packet, null, 0);
  }
}
