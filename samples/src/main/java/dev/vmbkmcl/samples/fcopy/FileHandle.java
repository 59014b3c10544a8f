package dev.vmbkmcl.samples.fcopy;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;

/** A regular file fcopy created and writes through its descriptor; never reopened by name. */
final class FileHandle implements AutoCloseable {
  private final int fd;
  private final Memory staging = new Memory(FcopyLayout.MAX_DATA);
  private boolean closed;

  FileHandle(int fd) {
    this.fd = fd;
  }

  /** Writes all of {@code data}'s remaining bytes (at most one fragment); does not consume them. */
  void write(ByteBuffer data) throws ErrnoException {
    int size = data.remaining();
    if (size > FcopyLayout.MAX_DATA) {
      throw new IllegalArgumentException(size + " bytes is more than one fragment");
    }
    byte[] bytes = new byte[size];
    data.duplicate().get(bytes);
    staging.write(0, bytes, 0, size);
    long done = 0;
    while (done < size) {
      long n = Posix.write(fd, staging.share(done), size - done);
      if (n < 0) {
        int errno = Posix.errno();
        if (errno == Posix.EINTR) {
          continue;
        }
        throw new ErrnoException("write", "", errno);
      }
      done += n;
    }
  }

  /** {@code fsync}: the bytes are on disk before the file gets its name. */
  void force() throws ErrnoException {
    if (Posix.fsync(fd) != 0) {
      throw new ErrnoException("fsync", "", Posix.errno());
    }
  }

  /** The file itself, by descriptor. */
  DirHandle.Stat stat() throws ErrnoException {
    return DirHandle.Stat.ofDescriptor(fd);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      Posix.close(fd);
      staging.close();
    }
  }
}
