package dev.vmbkmcl.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.vmbkmcl.samples.ic.IcHeader;
import dev.vmbkmcl.samples.ic.IcMessage;
import dev.vmbkmcl.samples.ic.IcRequestWriter;
import dev.vmbkmcl.samples.ic.IcStatus;
import dev.vmbkmcl.samples.ic.IcVersion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An IC guest driver's packet callback edits its own copy of the request, never the delivery. */
class IcRequestCopyTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final IcRequestCopy requests =
      new IcRequestCopy(64, new PrintStream(printed, true, StandardCharsets.UTF_8), "too long here");

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void aRequestIsParsedFromACopyThatTheAnswerEdits() {
    // A heartbeat request with an 8-byte body, placed at position 16 of the delivered buffer.
    ByteBuffer delivered = ByteBuffer.allocate(16 + IcHeader.SIZE + 8);
    IcRequestWriter.writeHeader(delivered, 16, IcVersion.V3_0, IcVersion.V3_0,
        IcHeader.TYPE_HEARTBEAT, 8, 5);
    delivered.position(16);
    ByteBuffer before = delivered.duplicate().clear();
    byte[] original = new byte[before.capacity()];
    before.get(original);

    IcMessage message = requests.copyOf(delivered, IcHeader.SIZE + 8);

    assertNotNull(message, printed());
    assertNotSame(delivered, message.buffer());
    assertEquals(IcHeader.TYPE_HEARTBEAT, message.messageType());
    message.answer(IcStatus.E_FAIL);
    byte[] after = new byte[delivered.capacity()];
    delivered.duplicate().clear().get(after);
    assertEquals(ByteBuffer.wrap(original), ByteBuffer.wrap(after), "the delivery was written");
    assertEquals("", printed());
  }

  @Test
  void aPacketLongerThanTheCopyIsIgnoredWithItsReason() {
    assertNull(requests.copyOf(ByteBuffer.allocate(65), 65));
    assertEquals("guest: ignored a 65-byte packet, too long here", printed());
  }

  @Test
  void aPacketThatIsNotAnIcMessageIsIgnoredWithItsReason() {
    assertNull(requests.copyOf(ByteBuffer.allocate(10), 10));
    assertEquals("guest: ignored a 10-byte packet that is not an IC message", printed());
  }
}
