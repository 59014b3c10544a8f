package dev.vmbkmcl.jfr;

import dev.vmbkmcl.observe.ChannelObserver;
import dev.vmbkmcl.observe.ChannelObserverProvider;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Gives every channel its JFR events ({@link JfrObserver}) unless the system property {@value
 * #PROPERTY} is {@code false}. Found through {@link java.util.ServiceLoader}.
 */
public final class JfrProvider implements ChannelObserverProvider {
  /** The system property that turns the JFR observer off ({@code false}). */
  public static final String PROPERTY = "vmbkmcl.jfr";

  /** The provider {@link java.util.ServiceLoader} creates. */
  public JfrProvider() {}

  @Override
  public ChannelObserver observerFor(@Nullable UUID classId, @Nullable UUID instanceId,
      boolean server) {
    if (Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      return new JfrObserver(String.valueOf(instanceId), server ? "host" : "guest");
    }
    return ChannelObserver.NONE;
  }
}
