package dev.vmbkmcl.hyperv;

import com.sun.jna.Memory;
import dev.vmbkmcl.NtStatus;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * The doorbells of a uio descriptor (ring reference §4.3): {@link #signal()} writes the s32 value 1,
 * {@link #await(int)} polls for {@code POLLIN} and reads the s32 interrupt count.
 *
 * <p>On a real device both doorbells are the one uio descriptor. Tests give two stand-in
 * descriptors instead ({@link StandInDoorbells}): one the signals are written to, one the interrupt
 * counts are read from.
 *
 * <p>The descriptors are not owned: the caller closes them after {@link #close()}. Closing wakes a
 * waiting thread through a private pipe that is polled together with the descriptor, and waits
 * until no call is using the descriptors any more, so the caller may then close them without racing
 * a thread still inside {@code poll}, {@code read} or {@code write} (where the number could already
 * belong to another file).
 */
final class UioEventPort implements AutoCloseable {

  private static final int POLLFD_BYTES = 8; // struct pollfd { int fd; short events, revents; }
  /** Internal outcome of one poll interrupted by a signal (EINTR): poll again. */
  private static final int RETRY = -1;

  private final int signalFd;
  private final int interruptFd;
  private final @Nullable MonitorTrigger monitor;
  private final int wakeReadFd;
  private final int wakeWriteFd;
  /** The s32 1 of {@link #signal()}; only ever read, so threads may share it. */
  private final Memory one = new Memory(4);
  /** Buffers of the single waiter. */
  private final Memory count = new Memory(4);
  private final Memory pollFds = new Memory(2L * POLLFD_BYTES);
  private final Lock useLock;
  private final Lock closeLock;
  private final AtomicBoolean waiting = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile int lastCount;

  private UioEventPort(
      int signalFd,
      int interruptFd,
      @Nullable MonitorTrigger monitor,
      int wakeReadFd,
      int wakeWriteFd) {
    this.signalFd = signalFd;
    this.interruptFd = interruptFd;
    this.monitor = monitor;
    this.wakeReadFd = wakeReadFd;
    this.wakeWriteFd = wakeWriteFd;
    one.setInt(0, 1);
    ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    this.useLock = lock.readLock();
    this.closeLock = lock.writeLock();
  }

  /**
   * Creates the doorbells of the uio descriptor {@code fd}, which carries both directions.
   *
   * @throws HypervException {@code STATUS_UNSUCCESSFUL} when the wake-up pipe cannot be made
   */
  static UioEventPort over(int fd) throws HypervException {
    return over(fd, fd, null);
  }

  /**
   * Creates doorbells whose signals go to {@code signalFd} and whose interrupt counts come from
   * {@code interruptFd}; only {@link StandInDoorbells} passes two different descriptors.
   *
   * @param monitor for a monitored channel, the bit each {@link #signal()} sets first; it must stay
   *     mapped until {@link #close()} returns
   * @throws HypervException {@code STATUS_UNSUCCESSFUL} when the wake-up pipe cannot be made
   */
  static UioEventPort over(int signalFd, int interruptFd, @Nullable MonitorTrigger monitor)
      throws HypervException {
    int[] pipe = new int[2];
    if (LibC.pipe2(pipe, LibC.O_CLOEXEC | LibC.O_NONBLOCK) != 0) {
      throw new HypervException(
          NtStatus.STATUS_UNSUCCESSFUL,
          "pipe2 for the interrupt wake-up failed with " + LibC.errnoName(LibC.errno()));
    }
    return new UioEventPort(signalFd, interruptFd, monitor, pipe[0], pipe[1]);
  }

  /**
   * Signals the host (§3.9, §4.8 c): for a monitored channel sets its bit in the monitor page, then
   * writes the s32 1 (4 bytes), which unmasks RX and, for channels without monitor on Linux 6.10+,
   * signals the host. The write also goes out on a monitored channel: a kernel from 6.10 on that
   * does not yet hide {@code monitor_id} for channels without a monitor (6.12 hides it, §4.7) shows
   * one for such a channel too, and there only the write reaches the host. A bit set in vain costs
   * the host one look at a ring with nothing new.
   *
   * @throws HypervException {@code STATUS_DEVICE_REMOVED} on EIO (rescinded), {@code
   *     STATUS_INVALID_DEVICE_STATE} after close, {@code STATUS_UNSUCCESSFUL} otherwise
   */
  void signal() throws HypervException {
    signal(monitor);
  }

  /**
   * As {@link #signal()} for a channel of the device other than the one whose monitor this port
   * was made with (a sub-channel): {@code channelMonitor} is that channel's own bit, or null when
   * it has no monitor and the write alone signals it (§4.5).
   */
  void signal(@Nullable MonitorTrigger channelMonitor) throws HypervException {
    useLock.lock();
    try {
      if (closed.get()) {
        throw new HypervException(
            NtStatus.STATUS_INVALID_DEVICE_STATE, "signal on a closed uio device");
      }
      if (channelMonitor != null) {
        channelMonitor.trigger();
      }
      while (true) {
        long written = LibC.write(signalFd, one, 4);
        if (written == 4) {
          return;
        }
        int errno = LibC.errno();
        if (written < 0 && errno == LibC.EINTR) {
          continue;
        }
        if (written < 0 && errno == LibC.EIO) {
          throw rescinded("write");
        }
        throw new HypervException(
            NtStatus.STATUS_UNSUCCESSFUL,
            "write of 4 bytes to the uio device returned "
                + written
                + (written < 0 ? " (" + LibC.errnoName(errno) + ")" : ""));
      }
    } finally {
      useLock.unlock();
    }
  }

  /**
   * Waits for the interrupt count to change (§4.3, §4.8 d). Only one thread may wait at a time.
   *
   * @param timeoutMillis longest wait; 0 checks without waiting, negative waits until an interrupt,
   *     rescind or {@link #close()}
   * @return {@link UioDevice#INTERRUPT}, {@link UioDevice#TIMEOUT}, {@link UioDevice#RESCINDED}
   *     (POLLERR, POLLHUP, EIO or end of file) or {@link UioDevice#CLOSED}
   * @throws HypervException {@code STATUS_UNSUCCESSFUL} on an unexpected errno, {@code
   *     STATUS_INVALID_DEVICE_STATE} on POLLNVAL
   * @throws IllegalStateException when another thread is already waiting
   */
  int await(int timeoutMillis) throws HypervException {
    if (!waiting.compareAndSet(false, true)) {
      throw new IllegalStateException("another thread is already waiting for an interrupt");
    }
    useLock.lock();
    try {
      if (closed.get()) {
        return UioDevice.CLOSED;
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(timeoutMillis, 0));
      int pollTimeout = timeoutMillis;
      while (true) {
        int outcome = pollOnce(pollTimeout);
        if (outcome != RETRY) {
          return outcome;
        }
        pollTimeout = timeoutMillis < 0 ? -1 : remainingMillis(deadline);
      }
    } finally {
      useLock.unlock();
      waiting.set(false);
    }
  }

  /**
   * Makes a current or the next {@link #await(int)} return {@link UioDevice#WOKEN}: one byte into
   * the private pipe (non-blocking; a full pipe is awake anyway). Callable from any thread.
   */
  void wakeup() {
    useLock.lock();
    try {
      if (!closed.get()) {
        LibC.write(wakeWriteFd, one, 1);
      }
    } finally {
      useLock.unlock();
    }
  }

  /** Empties the wake-up pipe so the next poll blocks again. */
  private void drainWakePipe() {
    while (LibC.read(wakeReadFd, count, 4) > 0) {
      // each byte is one wake-up request; several collapse into one
    }
  }

  /** The s32 interrupt count read by the last successful {@link #await(int)}. */
  int lastCount() {
    return lastCount;
  }

  /** One poll (and read): an outcome of {@link #await(int)}, or {@link #RETRY}. */
  private int pollOnce(int timeoutMillis) throws HypervException {
    pollFds.setInt(0, interruptFd);
    pollFds.setShort(4, LibC.POLLIN);
    pollFds.setShort(6, (short) 0);
    pollFds.setInt(POLLFD_BYTES, wakeReadFd);
    pollFds.setShort(POLLFD_BYTES + 4, LibC.POLLIN);
    pollFds.setShort(POLLFD_BYTES + 6, (short) 0);
    int ready = LibC.poll(pollFds, 2, timeoutMillis);
    if (ready < 0) {
      int errno = LibC.errno();
      if (errno == LibC.EINTR) {
        return RETRY;
      }
      throw new HypervException(
          NtStatus.STATUS_UNSUCCESSFUL, "poll failed with " + LibC.errnoName(errno));
    }
    if (ready == 0) {
      return UioDevice.TIMEOUT;
    }
    if (pollFds.getShort(POLLFD_BYTES + 6) != 0) {
      if (closed.get()) {
        return UioDevice.CLOSED;
      }
      drainWakePipe();
      return UioDevice.WOKEN;
    }
    short revents = pollFds.getShort(6);
    if ((revents & LibC.POLLNVAL) != 0) {
      throw new HypervException(
          NtStatus.STATUS_INVALID_DEVICE_STATE,
          "descriptor " + interruptFd + " is not open (POLLNVAL)");
    }
    if ((revents & (LibC.POLLERR | LibC.POLLHUP)) != 0) {
      return UioDevice.RESCINDED;
    }
    return readCount();
  }

  private int readCount() throws HypervException {
    long read = LibC.read(interruptFd, count, 4);
    if (read == 4) {
      lastCount = count.getInt(0);
      return UioDevice.INTERRUPT;
    }
    if (read == 0) {
      return UioDevice.RESCINDED; // end of file: the other side is gone
    }
    int errno = LibC.errno();
    if (read < 0 && errno == LibC.EINTR) {
      return RETRY;
    }
    if (read < 0 && errno == LibC.EIO) {
      return UioDevice.RESCINDED;
    }
    throw new HypervException(
        NtStatus.STATUS_UNSUCCESSFUL,
        "read of 4 bytes from the uio device returned "
            + read
            + (read < 0 ? " (" + LibC.errnoName(errno) + ")" : ""));
  }

  private static int remainingMillis(long deadline) {
    long nanos = deadline - System.nanoTime();
    if (nanos <= 0) {
      return 0;
    }
    return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos) + 1);
  }

  private static HypervException rescinded(String operation) {
    return new HypervException(
        NtStatus.STATUS_DEVICE_REMOVED,
        operation
            + " on the uio device failed with EIO: the host rescinded the channel and the device is"
            + " gone. Close it and open the device again once the host offers it again.");
  }

  /**
   * Refuses new calls, wakes a waiting thread and returns once no call uses the descriptor; the
   * caller may then close it. Later calls do nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try (Memory wake = new Memory(1)) {
      wake.setByte(0, (byte) 1);
      LibC.write(wakeWriteFd, wake, 1); // a full pipe (impossible: one byte ever) is awake anyway
    }
    closeLock.lock();
    try {
      LibC.close(wakeReadFd);
      LibC.close(wakeWriteFd);
      one.close();
      count.close();
      pollFds.close();
    } finally {
      closeLock.unlock();
    }
  }
}
