package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vmbkmcl.NtStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doorbell calls over stand-in descriptors: a FIFO opened read-write behaves like the uio fd
 * (a 4-byte write can be read back as the count), a pipe whose reader is gone reports POLLERR, and
 * {@code /proc/self/mem} at offset 0 answers read and write with EIO, as a rescinded uio device does.
 */
class UioEventPortTest {

  @TempDir Path temp;
  private final ExecutorService waiter = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopWaiter() {
    waiter.shutdownNow();
  }

  private int openFifo() throws Exception {
    Path fifo = temp.resolve("uio-standin");
    int exit;
    try {
      exit = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
    } catch (IOException e) {
      exit = -1;
    }
    assumeTrue(exit == 0, "mkfifo is not available");
    int fd = LibC.open(fifo.toString(), LibC.O_RDWR | LibC.O_CLOEXEC);
    assertTrue(fd >= 0, "open of the FIFO failed: " + LibC.errnoName(LibC.errno()));
    return fd;
  }

  @Test
  void aSignalledOneIsReadBackAsTheCount() throws Exception {
    int fd = openFifo();
    try (UioEventPort port = UioEventPort.over(fd)) {
      assertEquals(UioDevice.TIMEOUT, port.await(0), "nothing written yet");

      port.signal();

      assertEquals(UioDevice.INTERRUPT, port.await(0));
      assertEquals(1, port.lastCount());
      assertEquals(UioDevice.TIMEOUT, port.await(1), "exactly 4 bytes were consumed");
    } finally {
      LibC.close(fd);
    }
  }

  @Test
  void aBlockedWaiterReadsTheLittleEndianCountWrittenByAnotherParty() throws Exception {
    int fd = openFifo();
    Path fifo = temp.resolve("uio-standin");
    try (UioEventPort port = UioEventPort.over(fd)) {
      Future<Integer> result = waiter.submit(() -> port.await(-1));

      Files.write(fifo, new byte[] {0x07, 0x01, 0x00, 0x00}); // s32 263, as the kernel would

      assertEquals(UioDevice.INTERRUPT, result.get(30, TimeUnit.SECONDS));
      assertEquals(263, port.lastCount());
    } finally {
      LibC.close(fd);
    }
  }

  @Test
  void closeFromAnotherThreadWakesAWaiterThatWouldWaitForever() throws Exception {
    int fd = openFifo();
    UioEventPort port = UioEventPort.over(fd);
    CountDownLatch aboutToWait = new CountDownLatch(1);
    Future<Integer> result =
        waiter.submit(
            () -> {
              aboutToWait.countDown();
              return port.await(-1);
            });
    aboutToWait.await();

    port.close(); // whether the waiter is already in poll or not, it must come back CLOSED

    assertEquals(UioDevice.CLOSED, result.get(30, TimeUnit.SECONDS));
    assertEquals(UioDevice.CLOSED, port.await(-1));
    HypervException e = assertThrows(HypervException.class, port::signal);
    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, e.status());
    port.close();
    LibC.close(fd);
  }

  @Test
  void pollErrIsReportedAsRescinded() throws Exception {
    int[] pipe = new int[2];
    assertEquals(0, LibC.pipe2(pipe, LibC.O_CLOEXEC));
    LibC.close(pipe[0]); // the write end now polls POLLERR, like a rescinded uio device
    try (UioEventPort port = UioEventPort.over(pipe[1])) {
      assertEquals(UioDevice.RESCINDED, port.await(-1));
    } finally {
      LibC.close(pipe[1]);
    }
  }

  @Test
  void eioFromReadAndWriteMeansRescinded() throws Exception {
    int fd = LibC.open("/proc/self/mem", LibC.O_RDWR | LibC.O_CLOEXEC);
    assumeTrue(fd >= 0, "/proc/self/mem cannot be opened here");
    try (UioEventPort port = UioEventPort.over(fd)) {
      // Position 0 is address 0, never mapped: the kernel answers both calls with EIO.
      assertEquals(UioDevice.RESCINDED, port.await(-1));

      HypervException e = assertThrows(HypervException.class, port::signal);

      assertEquals(NtStatus.STATUS_DEVICE_REMOVED, e.status());
      assertTrue(e.getMessage().contains("rescinded"), e.getMessage());
    } finally {
      LibC.close(fd);
    }
  }

  @Test
  void errnoOfAFailedCallIsVisible() {
    int fd = LibC.open(temp.resolve("missing").toString(), LibC.O_RDWR);

    assertEquals(-1, fd);
    assertEquals(LibC.ENOENT, LibC.errno());
  }
}
