package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vmbkmcl.NtStatus;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JNA open/mmap path over an ordinary file standing in for {@code /dev/uio0} and for a
 * subchannel's {@code ring} file.
 */
class UioDeviceMappingTest {

  private static final String ID = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  private static final int MAP_SIZE = 0x6000; // two rings of 0x3000: control page + 0x2000 data

  @TempDir Path temp;
  private FakeVmbusTree tree;
  private FakeVmbusTree.Device device;

  @BeforeEach
  void boundBalloon() throws Exception {
    tree = new FakeVmbusTree(temp);
    device = tree.device(ID, VmbusClasses.DYNAMIC_MEMORY, 9).boundTo("uio_hv_generic").uio("uio0");
  }

  private VmbusDeviceInfo scan() throws HypervException {
    return new VmbusSysfs(tree.paths).find(VmbusClasses.DYNAMIC_MEMORY);
  }

  @Test
  void ringHalvesAreWhereTheReferenceSaysAndSharedWithTheFile() throws Exception {
    device.map("uio0", 0, "txrx_rings", MAP_SIZE);
    Path node = FakeVmbusTree.sizedFile(tree.paths.devDir().resolve("uio0"), MAP_SIZE);

    try (UioDevice uio = UioDevice.open(tree.paths, scan());
        UioDevice second = UioDevice.open(tree.paths, scan())) {
      ByteBuffer out = uio.outgoingRing();
      ByteBuffer in = uio.incomingRing();
      assertEquals(0x3000, uio.primaryRings().ringSize());
      assertEquals(0x3000, out.capacity());
      assertEquals(0x3000, in.capacity());
      assertEquals(ByteOrder.LITTLE_ENDIAN, out.order());
      assertEquals(ByteOrder.LITTLE_ENDIAN, in.order());
      assertEquals(9, uio.primaryRings().relid());

      out.putInt(0, 0x11223344); // Guest TX write_index, file offset 0
      out.putLong(4096, 0x0102030405060708L); // first data bytes of Guest TX
      in.putInt(4, 0xAABBCCDD); // Guest RX read_index, file offset ring_size + 4

      byte[] file = Files.readAllBytes(node);
      assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11}, Arrays.copyOfRange(file, 0, 4));
      assertArrayEquals(
          new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, Arrays.copyOfRange(file, 4096, 4104));
      assertArrayEquals(
          new byte[] {(byte) 0xDD, (byte) 0xCC, (byte) 0xBB, (byte) 0xAA},
          Arrays.copyOfRange(file, 0x3004, 0x3008));

      assertEquals(0x11223344, second.outgoingRing().getInt(0), "a second mapping sees it");
      assertEquals(0xAABBCCDD, second.incomingRing().getInt(4));

      try (RandomAccessFile raf = new RandomAccessFile(node.toFile(), "rw")) {
        raf.seek(0x3000 + 4096);
        raf.write(new byte[] {0x0B, 0x00, 0x02, 0x00}); // written by the "host" through the file
      }
      assertEquals(0x0002000B, in.getInt(4096));
    }
  }

  @Test
  void mapsTxrxRingsAtItsIndexTimesThePageSize() throws Exception {
    int page = (int) NativeMapping.pageSize();
    device.map("uio0", 0, "int_page", page).map("uio0", 1, "txrx_rings", MAP_SIZE);
    Path node = FakeVmbusTree.sizedFile(tree.paths.devDir().resolve("uio0"), page + MAP_SIZE);
    try (RandomAccessFile raf = new RandomAccessFile(node.toFile(), "rw")) {
      raf.seek(page);
      raf.write(new byte[] {0x5A, 0x5B});
      raf.seek(page + 0x3000);
      raf.write(new byte[] {0x6A});
    }

    try (UioDevice uio = UioDevice.open(tree.paths, scan())) {
      assertEquals(0x5A, uio.outgoingRing().get(0));
      assertEquals(0x5B, uio.outgoingRing().get(1));
      assertEquals(0x6A, uio.incomingRing().get(0));
    }
  }

  @Test
  void signalHostWritesTheFourByteValueOne() throws Exception {
    device.map("uio0", 0, "txrx_rings", MAP_SIZE);
    FakeVmbusTree.sizedFile(tree.paths.devDir().resolve("uio0"), MAP_SIZE);

    try (UioDevice uio = UioDevice.open(tree.paths, scan())) {
      uio.signalHost(); // a regular file takes the write at its position 0, inside the mapping
      byte[] head = new byte[8];
      uio.outgoingRing().get(0, head);
      assertArrayEquals(new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, head);
    }
  }

  @Test
  void mapsASubchannelRingFileTxFirstRxSecond() throws Exception {
    device.map("uio0", 0, "txrx_rings", MAP_SIZE).channel(9, 0, MAP_SIZE).channel(15, 1, 0x8000);
    FakeVmbusTree.sizedFile(tree.paths.devDir().resolve("uio0"), MAP_SIZE);
    Path ring = device.dir.resolve("channels/15/ring");

    ChannelRings rings;
    try (UioDevice uio = UioDevice.open(tree.paths, scan())) {
      VmbusChannelInfo channel = uio.device().subchannels().get(0);
      rings = uio.mapSubchannel(channel);
      assertSame(rings, uio.mapSubchannel(channel));
      assertEquals(15, rings.relid());
      assertEquals(0x4000, rings.ringSize());
      rings.outgoingRing().putShort(4096, (short) 0x0006);
      rings.incomingRing().putShort(4096, (short) 0x0009);

      byte[] file = Files.readAllBytes(ring);
      assertArrayEquals(new byte[] {6, 0}, Arrays.copyOfRange(file, 4096, 4098));
      assertArrayEquals(new byte[] {9, 0}, Arrays.copyOfRange(file, 0x4000 + 4096, 0x5002));
    }
    assertThrows(IllegalStateException.class, rings::outgoingRing, "unmapped with the device");
  }

  @Test
  void closeIsIdempotentAndViewsAreRefusedAfterwards() throws Exception {
    device.map("uio0", 0, "txrx_rings", MAP_SIZE);
    FakeVmbusTree.sizedFile(tree.paths.devDir().resolve("uio0"), MAP_SIZE);
    UioDevice uio = UioDevice.open(tree.paths, scan());

    uio.close();
    uio.close();

    assertThrows(IllegalStateException.class, uio::outgoingRing);
    assertThrows(IllegalStateException.class, uio::incomingRing);
    assertEquals(UioDevice.CLOSED, uio.awaitInterrupt(-1));
    HypervException e = assertThrows(HypervException.class, uio::signalHost);
    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, e.status());
  }
}
