package dev.vmbkmcl.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The default observer of a channel whose driver chose none: what every {@link
 * ChannelObserverProvider} on the class path offers, combined. The engine asks once per channel
 * at {@code VmbChannelEnable}; with no provider offering anything it gets {@link
 * ChannelObserver#NONE}.
 */
public final class GlobalObservers {
  private GlobalObservers() {}

  /** Loaded on first use, so a program with no channel never scans the class path. */
  private static final class Providers {
    static final List<ChannelObserverProvider> ALL = load();

    private static List<ChannelObserverProvider> load() {
      List<ChannelObserverProvider> found = new ArrayList<>();
      for (ChannelObserverProvider p : ServiceLoader.load(
          ChannelObserverProvider.class, GlobalObservers.class.getClassLoader())) {
        found.add(p);
      }
      return List.copyOf(found);
    }
  }

  /**
   * The combined default observer for one channel.
   *
   * @param classId the channel's class GUID, or null
   * @param instanceId the channel's instance GUID, or null
   * @param server true for a server (host side) channel
   * @return the observer, {@link ChannelObserver#NONE} when no provider offers one
   */
  public static ChannelObserver forChannel(
      @Nullable UUID classId, @Nullable UUID instanceId, boolean server) {
    ChannelObserver result = ChannelObserver.NONE;
    for (ChannelObserverProvider p : Providers.ALL) {
      result = both(result, p.observerFor(classId, instanceId, server));
    }
    return result;
  }

  /**
   * One observer that tells {@code first}, then {@code second}; either may be {@link
   * ChannelObserver#NONE}, which is then left out.
   *
   * @param first the first observer
   * @param second the second observer
   * @return the combination
   */
  public static ChannelObserver both(ChannelObserver first, ChannelObserver second) {
    if (first == ChannelObserver.NONE) {
      return second;
    }
    if (second == ChannelObserver.NONE) {
      return first;
    }
    return new ObserverPair(first, second);
  }
}
