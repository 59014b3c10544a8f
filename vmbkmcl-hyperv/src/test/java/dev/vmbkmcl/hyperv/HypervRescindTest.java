package dev.vmbkmcl.hyperv;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host rescind while a driver waits (ring reference §4.3, §4.6): the interrupt descriptor reports
 * a hang-up, the waiting {@code VmbChannelSendSynchronousRequest} returns {@code
 * STATUS_DEVICE_REMOVED}, the channel closes, the device is closed and no channel thread is left.
 */
class HypervRescindTest {

  private static final String INSTANCE = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  private static final String THREAD_PREFIX = "vmbkmcl-hyperv-";

  @TempDir Path temp;
  private final ExecutorService hostThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopHost() {
    hostThread.shutdownNow();
  }

  @Test
  void rescindEndsAWaitingSynchronousRequestAndClosesTheChannel() throws Exception {
    // Threads of channels that other tests left behind are not this test's to judge.
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    try (SimulatedHost host =
        tree.hostedDevice(INSTANCE, VmbusClasses.DYNAMIC_MEMORY, 14, "uio0").openChannel(false)) {
      HypervBackend backend =
          new HypervBackend(tree.paths, TimeSource.SYSTEM, UioDevice::openWithStandInDoorbells);
      GuestChannel guest =
          GuestChannel.allocate(backend, VmbusClasses.DYNAMIC_MEMORY, null, GuestChannel.COMPLETE)
              .start();
      byte[] request = Hex.bytes("01 00 10 00 01 00 00 00 00 00 02 00 00 00 00 00");
      // The host sees the request, then goes away instead of answering it.
      Future<byte[]> seen = hostThread.submit(() -> {
        byte[] payload = host.awaitPacket().payload();
        host.rescind();
        return payload;
      });

      UInt32Ref size = new UInt32Ref(16);
      NtStatus status = VmbChannelSendSynchronousRequest(guest.channel, ByteBuffer.wrap(request),
          request.length, null, VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION,
          ByteBuffer.allocate(16), size,
          LargeInteger.relativeMillis(TimeUnit.SECONDS.toMillis(SimulatedHost.WAIT_SECONDS)));

      assertEquals(NtStatus.STATUS_DEVICE_REMOVED, status);
      assertEquals(0, size.get());
      assertArrayEquals(request, seen.get(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS));
      assertTrue(guest.awaitClosed(), "EvtChannelClosed ran");
      SimulatedHost.awaitTrue(host::guestClosedDoorbell, "the guest to close the uio device");
      List<Thread> left = channelThreadsStartedSince(before);
      for (Thread t : left) {
        t.join(TimeUnit.SECONDS.toMillis(SimulatedHost.WAIT_SECONDS));
      }
      assertFalse(left.stream().anyMatch(Thread::isAlive),
          () -> "channel threads still running: " + left);
      guest.disableAndCleanup(); // the client channel ended Disabled: Disable is a no-op
    }
  }

  private static List<Thread> channelThreadsStartedSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.getName().startsWith(THREAD_PREFIX))
        .toList();
  }
}
