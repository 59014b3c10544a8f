package dev.vmbkmcl.observe;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Supplies the observer a channel gets by default when its driver set none (an SDK extension): the
 * capture of every channel ({@code -Dvmbkmcl.capture=FILE}) and the JFR events. Found through
 * {@link java.util.ServiceLoader}, so this package needs none of its implementations.
 */
public interface ChannelObserverProvider {
  /**
   * The observer for one channel, or {@link ChannelObserver#NONE}.
   *
   * @param classId the channel's interface class GUID, null when the driver set none
   * @param instanceId the channel's instance GUID, null when the driver set none
   * @param server true for a server (host side) channel
   * @return the observer, never null
   */
  ChannelObserver observerFor(@Nullable UUID classId, @Nullable UUID instanceId, boolean server);
}
