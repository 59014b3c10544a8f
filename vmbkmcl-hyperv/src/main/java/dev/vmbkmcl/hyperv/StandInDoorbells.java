package dev.vmbkmcl.hyperv;

import java.nio.file.Path;

/**
 * Test seam, never used on a real device: two FIFOs beside a stand-in for {@code /dev/uioN} take the
 * place of the node's doorbells (ring reference §4.3). A regular file standing in for the node can be
 * mapped like map 0, but a 4-byte {@code write} or {@code read} on it would move bytes into the ring
 * at the file position, so the doorbells need files of their own:
 *
 * <ul>
 *   <li>{@code <node>.doorbell} receives the guest's signals (the s32 value 1), opened read-write so
 *       the open neither blocks nor fails while the simulated host has not opened it yet;
 *   <li>{@code <node>.interrupts} delivers the simulated host's interrupt counts, opened read-only
 *       so that the host closing its end makes {@code poll} report {@code POLLHUP}, which the event
 *       port treats as a rescind like the {@code POLLERR}/{@code EIO} of a real device.
 * </ul>
 */
final class StandInDoorbells implements AutoCloseable {

  /** File-name suffix of the FIFO the guest's signals go to. */
  static final String DOORBELL_SUFFIX = ".doorbell";

  /** File-name suffix of the FIFO the host's interrupt counts come from. */
  static final String INTERRUPTS_SUFFIX = ".interrupts";

  private static final String IF_MISSING =
      "The stand-in doorbells are FIFOs beside the stand-in node: create them with mkfifo.";

  private final int signalFd;
  private final int interruptFd;

  private StandInDoorbells(int signalFd, int interruptFd) {
    this.signalFd = signalFd;
    this.interruptFd = interruptFd;
  }

  /**
   * Opens {@code <node>.doorbell} and {@code <node>.interrupts}.
   *
   * @param node the stand-in for {@code /dev/uioN}
   * @throws HypervException as {@link DeviceFiles#openReadWrite} when a FIFO cannot be opened
   */
  static StandInDoorbells beside(Path node) throws HypervException {
    int signalFd = DeviceFiles.openReadWrite(sibling(node, DOORBELL_SUFFIX), IF_MISSING);
    Path interrupts = sibling(node, INTERRUPTS_SUFFIX);
    int interruptFd =
        LibC.open(interrupts.toString(), LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
    if (interruptFd < 0) {
      int errno = LibC.errno();
      LibC.close(signalFd);
      throw DeviceFiles.openFailure(interrupts, errno, IF_MISSING);
    }
    return new StandInDoorbells(signalFd, interruptFd);
  }

  private static Path sibling(Path node, String suffix) {
    return node.resolveSibling(node.getFileName() + suffix);
  }

  /** The descriptor the guest's signals are written to. */
  int signalFd() {
    return signalFd;
  }

  /** The descriptor the host's interrupt counts are read from. */
  int interruptFd() {
    return interruptFd;
  }

  /** Closes both FIFOs; the event port over them must be closed first. */
  @Override
  public void close() {
    LibC.close(signalFd);
    LibC.close(interruptFd);
  }
}
