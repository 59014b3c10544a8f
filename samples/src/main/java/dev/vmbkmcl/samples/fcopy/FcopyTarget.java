package dev.vmbkmcl.samples.fcopy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a host's {@code path_name} into an open directory under the session root. The host is
 * untrusted, so the name is checked as text first; then every level is opened relative to the one
 * above without following links (see {@link #walk}), so neither the host nor a local process that
 * swaps a directory for a link meanwhile can lead a write out of the root.
 */
final class FcopyTarget {
  private FcopyTarget() {}

  /**
   * True for a single, harmless path component: not empty, not {@code "."} or {@code ".."}, and
   * free of separators ({@code /}, {@code \}), drive or stream colons and control characters.
   */
  static boolean isSafeComponent(String name) {
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/' || c == '\\' || c == ':' || Character.isISOControl(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The components of a relative {@code path_name} ({@code "a/b"}, one trailing slash allowed;
   * empty means the root itself), or {@code null} if it is absolute or any component is unsafe
   * (which also refuses {@code "a//b"}, drive letters and backslashes).
   */
  static @Nullable List<String> components(String pathName) {
    List<String> out = new ArrayList<>();
    if (pathName.isEmpty()) {
      return out;
    }
    String trimmed =
        pathName.endsWith("/") ? pathName.substring(0, pathName.length() - 1) : pathName;
    int start = 0;
    while (true) {
      int slash = trimmed.indexOf('/', start);
      String component = slash < 0 ? trimmed.substring(start) : trimmed.substring(start, slash);
      if (!isSafeComponent(component)) {
        return null;
      }
      out.add(component);
      if (slash < 0) {
        return out;
      }
      start = slash + 1;
    }
  }

  /**
   * Walks {@code components} down from {@code root}, one {@code openat(O_NOFOLLOW|O_DIRECTORY)} per
   * level, creating a missing level with {@code mkdirat} when {@code createPath} is set. A level
   * that is a symbolic link (wherever it points), a file, or missing without {@code createPath}
   * refuses the walk. On refusal every directory this walk created is removed again.
   *
   * @param mayCreate how many directories the walk may create; one more refuses it
   * @throws IOException when the walk is refused; nothing it created is left
   */
  static FcopyWalk walk(DirHandle root, List<String> components, boolean createPath, int mayCreate)
      throws IOException {
    FcopyWalk walk = new FcopyWalk(root);
    try {
      for (String component : components) {
        walk.descend(component, createPath, mayCreate);
      }
      return walk;
    } catch (IOException | RuntimeException e) {
      walk.undo();
      throw e;
    }
  }
}
