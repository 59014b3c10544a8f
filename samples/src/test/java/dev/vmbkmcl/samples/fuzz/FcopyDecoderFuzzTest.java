package dev.vmbkmcl.samples.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vmbkmcl.samples.fcopy.FcopyDecoder;
import dev.vmbkmcl.samples.fcopy.FcopyLayout;
import dev.vmbkmcl.samples.fcopy.FcopyMessage;
import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * {@link FcopyDecoder} over any IC body (vmbus-ring-and-uio.md §5.7), from a read-only buffer:
 * nothing throws, nothing outside the window is read, names are NUL-free, well-formed UTF-16 of at
 * most 259 units, and a WRITE's data is at most 6,144 bytes that are exactly the received ones.
 *
 * <p>Input: {@code u8 lead} (the payload starts {@code lead % 16} bytes into the window), then the
 * body after a file-copy IC header whose {@code icmsgsize} is 0.
 */
class FcopyDecoderFuzzTest {
  @FuzzTest(maxDuration = "2m")
  void decodesAnyBody(byte[] input) {
    FuzzBytes in = new FuzzBytes(input);
    int lead = in.u8() % 16;
    byte[] body = in.rest();
    byte[] payload = new byte[IcHeader.SIZE + body.length];
    payload[IcHeader.MESSAGE_TYPE] = IcHeader.TYPE_FCOPY;
    System.arraycopy(body, 0, payload, IcHeader.SIZE, body.length);

    FcopyMessage zeros = decode(new Window(payload, lead, (byte) 0));
    FcopyMessage ones = decode(new Window(payload, lead, (byte) 0xFF));
    assertEquals(zeros, ones, "the result depends on bytes outside the payload");
    if (zeros instanceof FcopyMessage.Start start) {
      assertSafeName(start.fileName());
      assertSafeName(start.pathName());
    } else if (zeros instanceof FcopyMessage.Write write) {
      ByteBuffer data = write.data();
      assertTrue(data.isReadOnly());
      assertTrue(data.remaining() <= FcopyLayout.MAX_DATA);
      assertTrue(FcopyLayout.WRITE_DATA + data.remaining() <= body.length);
      for (int i = 0; i < data.remaining(); i++) {
        assertEquals(body[FcopyLayout.WRITE_DATA + i], data.get(data.position() + i));
      }
    } else if (zeros instanceof FcopyMessage.Malformed bad) {
      assertFalse(bad.reason().isEmpty());
    }
  }

  private static FcopyMessage decode(Window window) {
    IcMessage message = Objects.requireNonNull(
        IcMessage.parse(window.buffer.asReadOnlyBuffer(), window.offset, window.length),
        "a payload with icmsgsize 0 is always an IC message");
    return FcopyDecoder.decode(message);
  }

  private static void assertSafeName(String name) {
    assertTrue(name.length() < FcopyLayout.NAME_UNITS, "a name leaves room for its terminator");
    assertEquals(-1, name.indexOf('\0'), "a name stops at its terminator");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertTrue(i + 1 < name.length() && Character.isLowSurrogate(name.charAt(++i)));
      } else {
        assertFalse(Character.isLowSurrogate(c), "unpaired low surrogate");
      }
    }
  }
}
