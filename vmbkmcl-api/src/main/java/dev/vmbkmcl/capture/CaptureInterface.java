package dev.vmbkmcl.capture;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One interface of a capture file: one tapped channel.
 *
 * @param id the interface id (its index in the file)
 * @param linkType the pcapng link type ({@link TapRecord#LINKTYPE} for a tap)
 * @param name the {@code if_name} option, or empty
 * @param description the {@code if_description} option, or empty
 */
public record CaptureInterface(int id, int linkType, String name, String description) {
  /** The channel's class GUID from the description, or null. */
  public @Nullable UUID classId() {
    return guid("class=");
  }

  /** The channel's instance GUID from the description, or null. */
  public @Nullable UUID instanceId() {
    return guid("instance=");
  }

  /** True when the tapped side was the host (a server channel). */
  public boolean hostSide() {
    return description.contains("side=host");
  }

  private @Nullable UUID guid(String key) {
    for (String word : description.split(" ", -1)) {
      if (word.startsWith(key)) {
        try {
          return UUID.fromString(word.substring(key.length()));
        } catch (IllegalArgumentException notAGuid) {
          return null;
        }
      }
    }
    return null;
  }
}
