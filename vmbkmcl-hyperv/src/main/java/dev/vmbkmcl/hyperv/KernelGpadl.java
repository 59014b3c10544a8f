package dev.vmbkmcl.hyperv;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A GPADL the kernel made for a uio-bound device and exposes as uio map {@code recv:<gpadl>} or
 * {@code send:<gpadl>} (ring reference §4.4): the netvsc receive and send buffers, which some
 * kernels (the lab's 6.12) make for every device. The handle is the decimal after the colon; the
 * buffer is mmapped from {@code /dev/uioN} at {@code mapIndex * PAGE_SIZE}.
 *
 * @param kind {@link #RECEIVE} or {@link #SEND}
 * @param handle the GPADL handle the host knows the buffer by (a u32, as an int)
 * @param mapIndex the uio map index
 * @param size the buffer size in bytes
 */
public record KernelGpadl(String kind, int handle, int mapIndex, int size) {

  /** {@link #kind()} of the receive buffer (map name {@code recv:<gpadl>}). */
  public static final String RECEIVE = "recv";

  /** {@link #kind()} of the send buffer (map name {@code send:<gpadl>}). */
  public static final String SEND = "send";

  private static final Pattern NAME = Pattern.compile("(recv|send):(\\d{1,10})");

  /**
   * The kernel-made GPADLs among a device's uio maps. A map whose name does not parse, whose handle
   * does not fit a u32 or whose size is 0 or beyond 2 GiB is left out: it cannot be mapped safely.
   *
   * @param maps the uio maps of the device
   * @return the GPADLs in map order
   */
  static List<KernelGpadl> among(List<UioMapInfo> maps) {
    List<KernelGpadl> found = new ArrayList<>();
    for (UioMapInfo map : maps) {
      KernelGpadl gpadl = parse(map);
      if (gpadl != null) {
        found.add(gpadl);
      }
    }
    return List.copyOf(found);
  }

  private static @Nullable KernelGpadl parse(UioMapInfo map) {
    Matcher m = NAME.matcher(map.name());
    if (!m.matches() || map.size() <= 0 || map.size() > Integer.MAX_VALUE) {
      return null;
    }
    long handle = Long.parseLong(m.group(2));
    if (handle > 0xFFFF_FFFFL) {
      return null;
    }
    return new KernelGpadl(m.group(1), (int) handle, map.index(), (int) map.size());
  }

  /**
   * The handle as the unsigned decimal the map name shows.
   *
   * @return e.g. {@code 42}
   */
  public String handleText() {
    return Integer.toUnsignedString(handle);
  }
}
