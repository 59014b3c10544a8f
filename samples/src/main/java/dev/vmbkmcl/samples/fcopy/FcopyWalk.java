package dev.vmbkmcl.samples.fcopy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories one START walked through, kept open until its file is committed or discarded:
 * the file is written and renamed in the deepest, and a discarded file's CREATE_PATH directories
 * are removed again through their parents' descriptors (only while empty).
 */
final class FcopyWalk implements AutoCloseable {
  private static final int DIRECTORY_MODE = 0700;

  /** A directory this walk created: its name in its parent. */
  private record Created(DirHandle parent, String name) {}

  private final DirHandle root;
  private final List<DirHandle> opened = new ArrayList<>();
  private final List<Created> created = new ArrayList<>();

  FcopyWalk(DirHandle root) {
    this.root = root;
  }

  /** The deepest directory reached (the root for an empty path). */
  DirHandle directory() {
    return opened.isEmpty() ? root : opened.get(opened.size() - 1);
  }

  /** Directories this walk created. */
  int createdCount() {
    return created.size();
  }

  void descend(String name, boolean createPath, int mayCreate) throws IOException {
    DirHandle parent = directory();
    try {
      opened.add(parent.openDirectory(name));
      return;
    } catch (ErrnoException e) {
      if (e.errno() != Posix.ENOENT || !createPath) {
        throw e;
      }
    }
    if (created.size() >= mayCreate) {
      throw new IOException("CREATE_PATH would create more than the session's "
          + "directory cap allows");
    }
    try {
      parent.makeDirectory(name, DIRECTORY_MODE);
      created.add(new Created(parent, name));
    } catch (ErrnoException e) {
      if (e.errno() != Posix.EEXIST) {
        throw e;
      }
      // Someone made it meanwhile; the open below judges whatever is there now.
    }
    opened.add(parent.openDirectory(name));
  }

  /** Removes the directories this walk created, deepest first, if still empty; closes all. */
  void undo() {
    for (int i = created.size() - 1; i >= 0; i--) {
      Created c = created.get(i);
      try {
        c.parent().removeDirectory(c.name());
      } catch (ErrnoException notEmptyOrGone) {
        // Not ours to empty: someone else put something there, or replaced it.
      }
    }
    created.clear();
    close();
  }

  /** Closes the descriptors; what was created stays. */
  @Override
  public void close() {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    opened.clear();
  }
}
