package dev.vmbkmcl.ext;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.channel.EngineChannel;
import dev.vmbkmcl.channel.IdleStrategy;
import java.util.Objects;

/**
 * How a channel waits for its peer: an SDK extension in the style of a KMCL {@code
 * VmbChannelInitSet*} call (KMCL has no such knob). Without it a channel uses its backend's default,
 * {@link IdleStrategy#PARK} on every backend today.
 */
@SuppressWarnings("MethodName") // named like the KMCL InitSet calls it sits beside
public final class ChannelIdle {
  private ChannelIdle() {}

  /**
   * Chooses the idle strategy of {@code Channel}; legal only before {@code VmbChannelEnable}, like
   * every {@code VmbChannelInitSet*} call.
   *
   * @param Channel the channel, Disabled
   * @param Strategy how its delivery thread and synchronous waiters wait
   * @return {@code STATUS_SUCCESS}; {@code STATUS_INVALID_DEVICE_STATE} when the channel is not
   *     Disabled; {@code STATUS_NOT_SUPPORTED} when its backend does not run the shared engine
   * @throws NullPointerException if an argument is null
   */
  @SuppressWarnings("ParameterName")
  public static NtStatus VmbChannelInitSetIdleStrategy(VMBCHANNEL Channel, IdleStrategy Strategy) {
    Objects.requireNonNull(Channel, "Channel");
    Objects.requireNonNull(Strategy, "Strategy");
    if (!(Channel instanceof EngineChannel)) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    return ((EngineChannel) Channel).setIdleStrategy(Strategy);
  }

  /**
   * The idle strategy {@code Channel} uses: the one chosen, else its backend's default.
   *
   * @param Channel the channel
   * @return the strategy in force, or null when its backend does not run the shared engine
   * @throws NullPointerException if {@code Channel} is null
   */
  @SuppressWarnings("ParameterName")
  public static @org.jspecify.annotations.Nullable IdleStrategy VmbChannelGetIdleStrategy(
      VMBCHANNEL Channel) {
    Objects.requireNonNull(Channel, "Channel");
    return Channel instanceof EngineChannel ? ((EngineChannel) Channel).idleStrategy() : null;
  }
}
