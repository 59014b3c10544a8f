package dev.vmbkmcl.ext;

import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.capture.ChannelTap;
import dev.vmbkmcl.capture.PcapngWriter;
import dev.vmbkmcl.channel.ChannelSettings;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.observe.GlobalObservers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Captures one channel's traffic into a pcapng file (an SDK extension; KMCL has no tap, the
 * nearest thing is a kernel debugger): every packet both ways with the ring indices, every
 * doorbell and every state change. Call it after the {@code VmbChannelInitSet*} calls and before
 * {@code VmbChannelEnable}. To capture every channel of a program instead, run it with {@code
 * -Dvmbkmcl.capture=FILE}.
 *
 * <pre>{@code
 * try (PcapngWriter capture = ChannelCapture.start(channel, Path.of("heartbeat.pcapng"))) {
 *   VmbChannelEnable(channel);
 *   ...
 *   VmbChannelDisable(channel);
 * }
 * }</pre>
 */
public final class ChannelCapture {
  private ChannelCapture() {}

  /**
   * Creates {@code file} and taps {@code channel} into it.
   *
   * @param channel a channel of this SDK's engine, still Disabled
   * @param file the capture file (created or truncated)
   * @return the file's writer: close it after {@code VmbChannelDisable}
   * @throws IOException when the file cannot be created
   * @throws IllegalStateException when the channel is not Disabled
   * @throws IllegalArgumentException when the channel is not one of this SDK's engine
   */
  public static PcapngWriter start(VMBCHANNEL channel, Path file) throws IOException {
    EngineChannel engine = engineOf(channel);
    PcapngWriter writer = PcapngWriter.create(file);
    try {
      tap(engine, writer);
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
    return writer;
  }

  /**
   * Taps {@code channel} into an open capture file shared with other channels (each gets its
   * own interface).
   *
   * @param channel a channel of this SDK's engine, still Disabled
   * @param writer the capture file
   * @return the tap
   * @throws IllegalStateException when the channel is not Disabled
   * @throws IllegalArgumentException when the channel is not one of this SDK's engine
   */
  public static ChannelTap tap(VMBCHANNEL channel, PcapngWriter writer) {
    EngineChannel engine = engineOf(channel);
    if (!engine.isDisabledForObserver()) {
      throw new IllegalStateException("ChannelCapture: " + channel + " is enabled; tap it before"
          + " VmbChannelEnable");
    }
    ChannelSettings s = engine.settings();
    UUID classId = classOf(s);
    UUID instanceId = s.isServer() ? s.interfaceInstance() : s.targetInstance();
    ChannelTap tap = new ChannelTap(writer, classId, instanceId, s.isServer());
    // The JFR events stay on beside the tap.
    engine.setObserver(GlobalObservers.both(tap,
        GlobalObservers.forChannel(classId, instanceId, s.isServer())));
    return tap;
  }

  private static @Nullable UUID classOf(ChannelSettings s) {
    return s.isServer() ? s.interfaceType() : s.targetType();
  }

  private static EngineChannel engineOf(VMBCHANNEL channel) {
    if (channel instanceof EngineChannel) {
      return (EngineChannel) channel;
    }
    throw new IllegalArgumentException("ChannelCapture: " + channel.getClass().getName()
        + " is not a channel of this SDK's engine");
  }
}
