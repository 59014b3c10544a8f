package dev.vmbkmcl.samples.fcopy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns a host's {@code path_name} into a directory that is guaranteed to lie under the session
 * root. The host is untrusted, so the name is checked as text first and then every directory is
 * resolved through {@link Path#toRealPath} one level at a time: a symbolic link that leads out of
 * the root is caught before anything is created behind it.
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
   * The real directory {@code pathName} names under {@code realRoot}, creating missing levels when
   * {@code createPath} is set; {@code null} when the name is refused or a level resolves outside
   * the root or is not a directory.
   *
   * @throws IOException when a level is missing (without {@code createPath}) or cannot be created
   */
  static @Nullable Path directory(Path realRoot, String pathName, boolean createPath)
      throws IOException {
    List<String> components = components(pathName);
    if (components == null) {
      return null;
    }
    Path dir = realRoot;
    for (String component : components) {
      Path next = dir.resolve(component);
      if (createPath && !Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(next);
        } catch (FileAlreadyExistsException raced) {
          // Someone created it meanwhile; the checks below judge whatever is there now.
        }
      }
      dir = next.toRealPath();
      if (!dir.startsWith(realRoot) || !Files.isDirectory(dir)) {
        return null;
      }
    }
    return dir;
  }
}
