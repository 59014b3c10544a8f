package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.ring.RingWriter;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ring headers are one kernel page (reference §0): on a 64 KiB-page arm64 guest each ring's data
 * area starts 65536 bytes in, not 4096. A fake tree laid out by such a kernel, with a simulated
 * host using 64 KiB headers, must exchange packets both ways, and the guest must write its data at
 * 65536 and nothing between 4096 and 65536.
 */
class HypervPageSizeTest {

  private static final String INSTANCE = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  private static final int PAGE = 64 * 1024;
  /** Two rings, each a 64 KiB header and a 8 KiB data area. */
  private static final int MAP_SIZE = 2 * (PAGE + 8192);

  @TempDir Path temp;

  @Test
  void packetsCrossRingsWhoseHeadersAreSixtyFourKibPages() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp).kernel("6.12.38+deb12-arm64");
    try (SimulatedHost host =
        tree.hostedDevice(INSTANCE, VmbusClasses.DYNAMIC_MEMORY, 14, "uio0", MAP_SIZE, PAGE)
            .openChannel(false)) {
      HypervBackend backend = new HypervBackend(tree.paths, TimeSource.SYSTEM,
          (paths, device) -> UioDevice.openWithStandInDoorbells(paths, device, PAGE));
      GuestChannel guest =
          GuestChannel.allocate(backend, VmbusClasses.DYNAMIC_MEMORY, null, GuestChannel.COMPLETE)
              .start();
      byte[] request = Hex.bytes("01 00 10 00 01 00 00 00 00 00 02 00 00 00 00 00");
      guest.send(request);
      SimulatedHost.HostPacket seen = host.awaitPacket();
      assertEquals(PacketLayout.TYPE_INBAND, seen.type());
      assertArrayEquals(request, seen.payload());
      // The packet (16-byte descriptor, then the payload) sits at the 64 KiB data offset ...
      byte[] atData = host.mapBytes(PAGE + 16, request.length);
      assertArrayEquals(request, atData);
      // ... and the padding of the header after its 4096 bytes of fields stays untouched.
      assertArrayEquals(new byte[PAGE - 4096], host.mapBytes(4096, PAGE - 4096));

      byte[] response = Hex.bytes("02 00 10 00 01 00 00 00 01 00 00 00 00 00 00 00");
      host.awaitGuestListening();
      int rc = host.send(PacketLayout.TYPE_INBAND, 0, 7, response);
      assertEquals(RingWriter.WRITTEN_SIGNAL, rc);
      assertArrayEquals(response, guest.nextReceived());
      guest.disableAndCleanup();
    }
  }

  @Test
  void aSubchannelRingFileIsReadWithSixtyFourKibHeadersToo() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp).kernel("6.12.38+deb12-arm64");
    try (SimulatedHost host =
        tree.hostedDevice(INSTANCE, VmbusClasses.DYNAMIC_MEMORY, 14, "uio0", MAP_SIZE, PAGE)
            .openChannel(false)) {
      HypervBackend backend = new HypervBackend(tree.paths, TimeSource.SYSTEM,
          (paths, device) -> UioDevice.openWithStandInDoorbells(paths, device, PAGE));
      GuestChannel primary =
          GuestChannel.allocate(backend, VmbusClasses.DYNAMIC_MEMORY, null, GuestChannel.COMPLETE)
              .start();
      // The kernel shows the sub-channel with its ring file once it has opened it (§4.5).
      Path staging = Files.createDirectories(temp.resolve("staging"));
      Files.writeString(staging.resolve("subchannel_id"), "1\n");
      Path ring = FakeVmbusTree.sizedFile(staging.resolve("ring"), MAP_SIZE);
      try (SimulatedHost sub = host.subchannel(ring, MAP_SIZE).openChannel(false)) {
        Path channels = Files.createDirectories(
            tree.paths.devicesDir().resolve(INSTANCE).resolve("channels"));
        Files.move(staging, channels.resolve("15"),
            StandardCopyOption.ATOMIC_MOVE);
        GuestChannel guest = GuestChannel.allocateSubchannel(
            backend, VmbusClasses.DYNAMIC_MEMORY, primary, 1, GuestChannel.COMPLETE).start();
        byte[] payload = Hex.bytes("21 00 00 00 00 00 00 00");
        guest.send(payload);
        assertArrayEquals(payload, sub.awaitPacket().payload());
        assertArrayEquals(payload, sub.mapBytes(PAGE + 16, payload.length));
        sub.send(PacketLayout.TYPE_INBAND, 0, 8, payload);
        assertArrayEquals(payload, guest.nextReceived());
        guest.disableAndCleanup();
      }
      primary.disableAndCleanup();
    }
  }

  @Test
  void aRingSizeThatFitsFourKibHeadersButNotTheKernelsPageIsRefused() {
    // 2 x 0x4000 is fine with 4 KiB headers; with 64 KiB pages no data area is left.
    HypervException e = assertThrows(HypervException.class,
        () -> ChannelRings.checkedRingSize(0x8000, PAGE, "map0"));
    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, e.status());
    assertEquals(PAGE + 8192, assertDoesNotThrowSize(MAP_SIZE));
  }

  @Test
  void pageSizesThatAreNotHyperVPageMultiplesAreRefused() throws Exception {
    assertEquals(PAGE, ChannelRings.headerSizeFor(PAGE));
    assertEquals(4096, ChannelRings.headerSizeFor(4096));
    for (long bad : new long[] {0, 2048, 4096 + 512, 2L << 20}) {
      HypervException e =
          assertThrows(HypervException.class, () -> ChannelRings.headerSizeFor(bad));
      assertEquals(NtStatus.STATUS_NOT_SUPPORTED, e.status(), "page size " + bad);
    }
  }

  private static int assertDoesNotThrowSize(int mapSize) {
    try {
      return ChannelRings.checkedRingSize(mapSize, PAGE, "map0");
    } catch (HypervException e) {
      throw new AssertionError(e);
    }
  }
}
