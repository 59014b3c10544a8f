package dev.vmbkmcl.samples;

import dev.vmbkmcl.samples.ic.IcMessage;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The first step of an integration-component guest driver's packet callback. An IC answer is the
 * request edited in place (vmbus-ring-and-uio.md §5.8), so the delivered bytes are copied into a
 * buffer of the driver's own and parsed there; the delivered buffer is never written. Used only by
 * the channel's delivery thread.
 */
final class IcRequestCopy {
  private final ByteBuffer reply;
  private final PrintStream out;
  private final String tooLong;

  /**
   * A copy buffer for messages of up to {@code maxMessage} bytes.
   *
   * @param tooLong how the driver describes a longer packet, e.g. "too long for a heartbeat IC"
   */
  IcRequestCopy(int maxMessage, PrintStream out, String tooLong) {
    this.reply = ByteBuffer.allocate(maxMessage);
    this.out = out;
    this.tooLong = tooLong;
  }

  /**
   * Copies the {@code length} bytes at {@code delivered}'s position and parses them as an IC
   * message, ready to be edited into the answer.
   *
   * @return the message, or null after printing why the packet is ignored (too long, not IC)
   */
  @Nullable IcMessage copyOf(ByteBuffer delivered, int length) {
    if (length > reply.capacity()) {
      out.println("guest: ignored a " + length + "-byte packet, " + tooLong);
      return null;
    }
    reply.clear();
    reply.put(0, delivered, delivered.position(), length);
    IcMessage message = IcMessage.parse(reply, 0, length);
    if (message == null) {
      out.println("guest: ignored a " + length + "-byte packet that is not an IC message");
    }
    return message;
  }
}
