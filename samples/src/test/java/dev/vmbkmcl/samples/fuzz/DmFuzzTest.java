package dev.vmbkmcl.samples.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmbkmcl.samples.dm.DmDecoded;
import dev.vmbkmcl.samples.dm.DmDecoder;
import dev.vmbkmcl.samples.dm.DmHeader;
import dev.vmbkmcl.samples.dm.DmMalformed;
import dev.vmbkmcl.samples.dm.DmMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link DmDecoder} over any Dynamic Memory payload of either direction (vmbus-ring-and-uio.md
 * §6.2, §6.3), from a read-only buffer: nothing throws, nothing outside the window is read (the
 * result is the same whatever the guard bytes are), the result is a message or a {@link
 * DmMalformed} with a reason, a message never claims more than the header's {@code size} and the
 * received length, and it encodes to bytes that decode to the same message.
 *
 * <p>Input: {@code u8 lead} (the payload starts {@code lead % 16} bytes into the window), then the
 * payload.
 */
class DmFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void decodesAnyPayload(byte[] input) {
    FuzzBytes in = new FuzzBytes(input);
    int lead = in.u8() % 16;
    byte[] payload = in.rest();

    DmDecoded zeros = decode(new Window(payload, lead, (byte) 0));
    DmDecoded ones = decode(new Window(payload, lead, (byte) 0xFF));
    assertEquals(zeros, ones, "the result depends on bytes outside the payload");
    if (zeros instanceof DmMalformed bad) {
      assertFalse(bad.reason().isEmpty());
      return;
    }
    DmMessage message = (DmMessage) zeros;
    ByteBuffer header = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
    int size = Short.toUnsignedInt(header.getShort(DmHeader.SIZE));
    assertEquals(Short.toUnsignedInt(header.getShort(DmHeader.TYPE)), message.type().code());
    assertEquals(header.getInt(DmHeader.TRANS_ID), message.transId());
    assertTrue(message.size() <= size && size <= payload.length,
        () -> message + " of " + message.size() + " bytes from a size " + size + " header");

    ByteBuffer encoded = ByteBuffer.allocate(message.size() + 8);
    assertEquals(message.size(), message.encode(encoded, 4));
    assertEquals(message, DmDecoder.decode(encoded.asReadOnlyBuffer(), 4, message.size()),
        "encode then decode gives the message back");
  }

  private static DmDecoded decode(Window window) {
    return DmDecoder.decode(window.buffer.asReadOnlyBuffer(), window.offset, window.length);
  }
}
