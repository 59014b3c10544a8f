package dev.vmbkmcl.samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Contents of the files the simulated file-copy host pushes: each byte a function of a seed and
 * its offset, never repeating at the 6,144-byte fragment size, so a fragment written twice, out of
 * place or from the wrong file shows up when the guest's copy is compared byte for byte.
 */
final class FcopyFiles {
  private FcopyFiles() {}

  /** The byte at {@code offset} of the file made from {@code seed}. */
  static byte byteAt(int seed, long offset) {
    long x = (offset + 1) * 0x9E37_79B9_7F4A_7C15L + seed * 0xBF58_476D_1CE4_E5B9L;
    x ^= x >>> 31;
    return (byte) (x ^ (x >>> 17));
  }

  /** Fills {@code dst} from index 0 to its limit with the file's bytes from {@code offset} on. */
  static void fill(ByteBuffer dst, int seed, long offset) {
    for (int i = 0; i < dst.limit(); i++) {
      dst.put(i, byteAt(seed, offset + i));
    }
  }

  /**
   * How {@code file} differs from the file made from {@code seed} with {@code size} bytes, or null
   * when it is identical.
   */
  static @Nullable String difference(Path file, int seed, long size) throws IOException {
    if (!Files.isRegularFile(file)) {
      return file + " is missing";
    }
    long actual = Files.size(file);
    if (actual != size) {
      return file + " has " + actual + " bytes, expected " + size;
    }
    byte[] block = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      long offset = 0;
      for (int n = in.read(block); n > 0; n = in.read(block)) {
        for (int i = 0; i < n; i++, offset++) {
          if (block[i] != byteAt(seed, offset)) {
            return file + " differs at byte " + offset;
          }
        }
      }
    }
    return null;
  }

  /**
   * Deletes everything inside {@code top} (not {@code top} itself) through {@link
   * SecureDirectoryStream}, relative to each directory's descriptor and without following links,
   * so a local process that swaps a directory for a link meanwhile cannot make it delete anything
   * outside. Best effort: what cannot be deleted stays.
   */
  static void removeContents(Path top) {
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(top)) {
      if (stream instanceof SecureDirectoryStream<Path> secure) {
        removeContents(secure);
      }
    } catch (IOException ignored) {
      // Nothing to remove, or nothing we may remove.
    }
  }

  private static void removeContents(SecureDirectoryStream<Path> dir) throws IOException {
    for (Path entry : dir) {
      Path name = entry.getFileName();
      if (name == null) {
        continue;
      }
      BasicFileAttributes attributes =
          dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
              .readAttributes();
      try {
        if (attributes.isDirectory()) {
          try (SecureDirectoryStream<Path> child =
              dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            removeContents(child);
          }
          dir.deleteDirectory(name);
        } else {
          dir.deleteFile(name);
        }
      } catch (IOException leftAlone) {
        // Replaced meanwhile, or not ours to delete; the rest is still removed.
      }
    }
  }
}
