package dev.vmbkmcl.hyperv;

import static dev.vmbkmcl.Vmbkmcl.VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelGetInterfaceInstance;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelGetTargetDeviceObject;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelPacketComplete;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelSendSynchronousRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.LargeInteger;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.VMBPACKETCOMPLETION;
import dev.vmbkmcl.ring.PacketLayout;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hyperv backend end to end without Hyper-V: Vmbkmcl calls on a {@link HypervBackend} over a
 * fake sysfs tree, the rings in an ordinary file mapped through the real JNA mmap path, and a
 * simulated host running the server-side ring code on the same file. The Dynamic Memory messages
 * are the reference's vectors (§8.13), typed in.
 */
class HypervChannelExchangeTest {

  private static final UUID DM = VmbusClasses.DYNAMIC_MEMORY;
  private static final String FIRST = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  private static final String SECOND = "9a2f0c55-0d1e-4c39-8f7d-3b6b0e0c6a11";

  private static final byte[] VERSION_REQUEST =
      Hex.bytes("01 00 10 00 01 00 00 00 00 00 02 00 00 00 00 00");
  private static final byte[] VERSION_RESPONSE =
      Hex.bytes("02 00 10 00 01 00 00 00 01 00 00 00 00 00 00 00");
  private static final byte[] CAPABILITIES_REPORT =
      Hex.bytes("03 00 20 00 02 00 00 00 1f 00 00 00 00 00 00 00"
          + " 00 00 00 00 00 00 00 00 ff ff ff ff ff ff ff ff");
  private static final byte[] CAPABILITIES_RESPONSE =
      Hex.bytes("04 00 10 00 02 00 00 00 07 00 00 00 00 00 00 00");
  private static final byte[] BALLOON_REQUEST =
      Hex.bytes("06 00 10 00 00 00 00 00 00 01 00 00 00 00 00 00");
  private static final byte[] BALLOON_RESPONSE =
      Hex.bytes("07 00 18 00 03 00 00 00 00 00 00 00 02 00 00 00 45 23 01 00 00 00 01 00");

  @TempDir Path temp;
  private FakeVmbusTree tree;
  private HypervBackend backend;
  private SimulatedHost host;
  private final ExecutorService hostThread = Executors.newSingleThreadExecutor();

  @BeforeEach
  void boundBalloon() throws Exception {
    tree = new FakeVmbusTree(temp);
    host = tree.hostedDevice(FIRST, DM, 14, "uio0").openChannel(false);
    backend = new HypervBackend(tree.paths, TimeSource.SYSTEM, UioDevice::openWithStandInDoorbells);
  }

  @AfterEach
  void stop() {
    hostThread.shutdownNow();
    host.close();
  }

  /** The guest answers a host request that asks for a completion with BALLOON_RESPONSE. */
  private static void answerBalloonRequests(
      VMBPACKETCOMPLETION packet, byte[] payload, int flags) {
    if (payload[0] == BALLOON_REQUEST[0]) {
      VmbChannelPacketComplete(packet, ByteBuffer.wrap(BALLOON_RESPONSE), BALLOON_RESPONSE.length);
    } else {
      VmbChannelPacketComplete(packet, null, 0);
    }
  }

  @Test
  void dynamicMemoryExchangeBothWaysByteForByte() throws Exception {
    GuestChannel guest =
        GuestChannel.allocate(backend, DM, null, HypervChannelExchangeTest::answerBalloonRequests)
            .start();
    Ref<UUID> instance = new Ref<>();
    VmbChannelGetInterfaceInstance(guest.channel, instance);
    assertEquals(UUID.fromString(FIRST), instance.get());
    Ref<DeviceObject> target = new Ref<>();
    VmbChannelGetTargetDeviceObject(guest.channel, target);
    assertEquals("vmbus:" + FIRST, target.require().name());

    // Guest to host, no completion: the inband packet of §8.13 lands in the file, byte for byte.
    guest.send(VERSION_REQUEST);
    assertArrayEquals(
        Hex.bytes("06 00 02 00 04 00 00 00 00 00 00 00 00 00 00 00"
            + " 01 00 10 00 01 00 00 00 00 00 02 00 00 00 00 00"
            + " 00 00 00 00 00 00 00 00"), // trailer: start offset 0 << 32
        host.txData(0, 40));
    assertEquals(0x28, host.guestTx().writeIndex());
    SimulatedHost.HostPacket request = host.awaitPacket();
    assertEquals(PacketLayout.TYPE_INBAND, request.type());
    assertEquals(0, request.flags());
    assertArrayEquals(VERSION_REQUEST, request.payload());
    assertEquals(1, host.doorbells(), "one signal: the host's TX ring went empty to non-empty");

    // Host to guest, QEMU style (descriptor trans_id = DM trans_id): delivered byte for byte.
    host.send(PacketLayout.TYPE_INBAND, 0, 1, VERSION_RESPONSE);
    assertArrayEquals(VERSION_RESPONSE, guest.nextReceived());

    // Guest request with completion: VmbChannelSendSynchronousRequest gets the host's answer.
    Future<SimulatedHost.HostPacket> served = hostThread.submit(() -> {
      SimulatedHost.HostPacket p = host.awaitPacket();
      host.send(PacketLayout.TYPE_COMPLETION, 0, p.transactionId(), CAPABILITIES_RESPONSE);
      return p;
    });
    ByteBuffer completion = ByteBuffer.allocate(16);
    UInt32Ref completionSize = new UInt32Ref(16);
    NtStatus status = VmbChannelSendSynchronousRequest(guest.channel,
        ByteBuffer.wrap(CAPABILITIES_REPORT), CAPABILITIES_REPORT.length, null,
        VMBUS_CHANNEL_FORMAT_FLAG_WAIT_FOR_COMPLETION, completion, completionSize,
        LargeInteger.relativeMillis(TimeUnit.SECONDS.toMillis(SimulatedHost.WAIT_SECONDS)));
    assertEquals(NtStatus.STATUS_SUCCESS, status);
    assertEquals(16, completionSize.get());
    assertArrayEquals(CAPABILITIES_RESPONSE, completion.array());
    SimulatedHost.HostPacket report = served.get(SimulatedHost.WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(PacketLayout.FLAG_COMPLETION_REQUESTED, report.flags());
    assertNotEquals(0L, report.transactionId(), "id 0 is reserved (§2.6)");
    assertArrayEquals(CAPABILITIES_REPORT, report.payload());

    // Host request with completion: the guest's VmbChannelPacketComplete answers on the wire.
    host.send(PacketLayout.TYPE_INBAND, PacketLayout.FLAG_COMPLETION_REQUESTED, 0x77,
        BALLOON_REQUEST);
    assertArrayEquals(BALLOON_REQUEST, guest.nextReceived());
    SimulatedHost.HostPacket answer = host.awaitPacket();
    assertEquals(PacketLayout.TYPE_COMPLETION, answer.type());
    assertEquals(0x77, answer.transactionId());
    assertArrayEquals(BALLOON_RESPONSE, answer.payload());

    SimulatedHost.awaitTrue(host::guestReadEveryInterrupt, "the guest to read its interrupts");
    guest.disableAndCleanup();
    assertTrue(host.guestClosedDoorbell(), "Disable closed the uio device");
  }

  @Test
  void opensTheFirstDeviceOfTheClassOrTheInstanceAskedFor() throws Exception {
    try (SimulatedHost second = tree.hostedDevice(SECOND, DM, 15, "uio1").openChannel(false)) {
      byte[] toFirst = "to the first dev".getBytes(StandardCharsets.US_ASCII);
      byte[] toSecond = "to the second de".getBytes(StandardCharsets.US_ASCII);

      GuestChannel byClass = GuestChannel.allocate(backend, DM, null, GuestChannel.COMPLETE).start();
      byClass.send(toFirst);
      assertArrayEquals(toFirst, host.awaitPacket().payload());
      byClass.disableAndCleanup();

      GuestChannel byInstance =
          GuestChannel.allocate(backend, DM, UUID.fromString(SECOND), GuestChannel.COMPLETE)
              .start();
      Ref<UUID> instance = new Ref<>();
      VmbChannelGetInterfaceInstance(byInstance.channel, instance);
      assertEquals(UUID.fromString(SECOND), instance.get());
      byInstance.send(toSecond);
      assertArrayEquals(toSecond, second.awaitPacket().payload());
      assertTrue(host.txEmpty(), "nothing reached the first device");
      assertEquals(0x28, host.guestTx().writeIndex(), "the first device got one packet only");
      assertEquals(0x28, second.guestTx().writeIndex());
      byInstance.disableAndCleanup();
    }
  }
}
