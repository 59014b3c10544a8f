package dev.vmbkmcl.hyperv;

import static dev.vmbkmcl.Vmbkmcl.FALSE;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelAllocate;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelCleanup;
import static dev.vmbkmcl.Vmbkmcl.VmbChannelEnable;
import static dev.vmbkmcl.Vmbkmcl.VmbClientChannelInitSetTargetPnp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.spi.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way {@code VmbChannelEnable} on the hyperv backend says no (issue 5, "errors a user can act
 * on"): the NTSTATUS, and {@link HypervBackend#lastError(dev.vmbkmcl.VMBCHANNEL)} naming the fix. A refused channel stays
 * Disabled, so the driver can enable it again once the fix is applied.
 */
class HypervEnableErrorsTest {

  private static final String ID = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  private static final UUID DM = VmbusClasses.DYNAMIC_MEMORY;
  /** A read-only sysfs attribute: opening it read-write fails with EACCES even for root. */
  private static final Path READ_ONLY_ATTRIBUTE = Path.of("/sys/devices/system/cpu/possible");

  @TempDir Path temp;
  private FakeVmbusTree tree;

  @BeforeEach
  void tree() throws Exception {
    tree = new FakeVmbusTree(temp);
  }

  private HypervBackend backend(HypervPaths paths) {
    return new HypervBackend(paths, TimeSource.SYSTEM, UioDevice::openWithStandInDoorbells);
  }

  /** The error {@link #enable} found on its refused channel. */
  private @Nullable HypervError refused;

  /**
   * Allocates a client channel for {@code type}/{@code instance} and enables it twice; keeps the
   * channel's error (with the status Enable returned) in {@link #refused}.
   */
  private NtStatus enable(HypervBackend backend, @Nullable UUID type,
      @Nullable UUID instance) {
    Ref<VMBCHANNEL> ref = new Ref<>();
    GuestChannel.check(VmbChannelAllocate(backend.defaultDevice(), FALSE, ref), "allocate");
    VMBCHANNEL channel = ref.require();
    if (type != null) {
      GuestChannel.check(VmbClientChannelInitSetTargetPnp(channel, type, instance, null), "pnp");
    }
    NtStatus first = VmbChannelEnable(channel);
    HypervError firstError = backend.lastError(channel);
    NtStatus again = VmbChannelEnable(channel);
    assertEquals(first, again, "the refused channel stayed Disabled and can be enabled again");
    assertEquals(firstError, backend.lastError(channel));
    refused = firstError;
    if (firstError != null) {
      assertEquals(first, firstError.status(), "the channel's error carries Enable's status");
    }
    VmbChannelCleanup(channel); // legal only on a Disabled channel
    return first;
  }

  private String lastError() {
    return Objects.requireNonNull(refused, "lastError(channel) names the problem").message();
  }

  private void assertMentions(String... parts) {
    String message = lastError();
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "missing <" + part + "> in " + message);
    }
  }

  @Test
  void noVmbusMeansThisIsNotAHypervGuest() {
    Path none = temp.resolve("elsewhere");
    HypervBackend backend = backend(new HypervPaths(none.resolve("sys/bus/vmbus"),
        none.resolve("sys/class/uio"), none.resolve("dev"), tree.paths.kernelRelease()));

    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, enable(backend, DM, null));
    assertMentions("not a Hyper-V guest", "modprobe hv_vmbus");
  }

  @Test
  void aMissingDeviceListsTheDevicesThatExist() throws Exception {
    String heartbeat = "2450ee40-33bf-4fbd-892e-9fb06e9214cf";
    tree.device(heartbeat, VmbusClasses.HEARTBEAT, 3);
    tree.device(ID, DM, 9);
    HypervBackend backend = backend(tree.paths);

    assertEquals(NtStatus.STATUS_NOT_FOUND, enable(backend, VmbusClasses.SHUTDOWN, null));
    assertMentions("no VMBus device of class " + VmbusClasses.SHUTDOWN + " (Shutdown)",
        VmbusClasses.HEARTBEAT + " Heartbeat " + heartbeat, DM + " Dynamic Memory " + ID);

    UUID other = UUID.fromString("00000000-0000-0000-0000-000000000001");
    assertEquals(NtStatus.STATUS_NOT_FOUND, enable(backend, DM, other));
    assertMentions("with instance " + other);
  }

  @Test
  void boundToHvBalloonPrintsTheCommandsThatMoveIt() throws Exception {
    FakeVmbusTree.Device device = tree.device(ID, DM, 9).boundTo("hv_balloon");
    HypervBackend backend = backend(tree.paths);

    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, enable(backend, DM, null));
    String sys = tree.paths.vmbusRoot().toString();
    assertMentions("bound to the kernel driver hv_balloon, not to uio_hv_generic",
        "  modprobe uio_hv_generic\n",
        "  echo uio_hv_generic > " + sys + "/devices/" + ID + "/driver_override\n",
        "  echo -n " + ID + " > " + sys + "/drivers/hv_balloon/unbind\n",
        "  echo -n " + ID + " > " + sys + "/drivers_probe");

    // The user runs the commands: the same driver code now opens the device.
    Files.delete(device.dir.resolve("driver"));
    device.boundTo(VmbusDeviceInfo.UIO_DRIVER).uio("uio0").map("uio0", 0, UioMapInfo.TXRX_RINGS,
        FakeVmbusTree.HOSTED_MAP_SIZE);
    try (SimulatedHost host = new SimulatedHost(
        tree.standInNode("uio0", FakeVmbusTree.HOSTED_MAP_SIZE), FakeVmbusTree.HOSTED_MAP_SIZE)) {
      host.openChannel(false);
      GuestChannel guest = GuestChannel.allocate(backend, DM, null, GuestChannel.COMPLETE).start();
      assertNull(backend.lastError(guest.channel), "a successful enable leaves no error");
      guest.disableAndCleanup();
    }
  }

  @Test
  void anUnboundDeviceGetsTheBindCommands() throws Exception {
    tree.device(ID, DM, 9);
    HypervBackend backend = backend(tree.paths);

    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, enable(backend, DM, null));
    String sys = tree.paths.vmbusRoot().toString();
    assertMentions("is not bound to any driver",
        "echo uio_hv_generic > " + sys + "/devices/" + ID + "/driver_override",
        "echo -n " + ID + " > " + sys + "/drivers_probe",
        "echo " + DM + " > " + sys + "/drivers/uio_hv_generic/new_id");
    assertFalse(lastError().contains("unbind"), lastError());
  }

  @Test
  void permissionDeniedOnTheUioNodeSaysHowToGetAccess() throws Exception {
    tree.device(ID, DM, 9).boundTo(VmbusDeviceInfo.UIO_DRIVER).uio("uio0")
        .map("uio0", 0, UioMapInfo.TXRX_RINGS, FakeVmbusTree.HOSTED_MAP_SIZE);
    Path node = deniedNode(tree.paths.devDir().resolve("uio0"));
    HypervBackend backend = backend(tree.paths);
    try {
      assertEquals(NtStatus.STATUS_ACCESS_DENIED, enable(backend, DM, null));
      assertMentions("permission denied opening " + node + " (EACCES)", "Run as root",
          "chown $USER " + node, "udev rule");
    } finally {
      Files.delete(node); // a link out of the temporary directory would make its cleanup warn
    }
  }

  /**
   * A node this process may not open read-write: a file without permissions, or, for root (who
   * may open any file), a link to a read-only sysfs attribute, which the kernel refuses with
   * EACCES to everyone.
   */
  private static Path deniedNode(Path node) throws Exception {
    FakeVmbusTree.sizedFile(node, FakeVmbusTree.HOSTED_MAP_SIZE);
    Files.setPosixFilePermissions(node, PosixFilePermissions.fromString("---------"));
    if (openErrno(node) != LibC.EACCES) {
      Files.delete(node);
      Files.createSymbolicLink(node, READ_ONLY_ATTRIBUTE);
    }
    assumeTrue(openErrno(node) == LibC.EACCES, "no file here refuses this process with EACCES");
    return node;
  }

  private static int openErrno(Path file) {
    int fd = LibC.open(file.toString(), LibC.O_RDWR | LibC.O_CLOEXEC);
    if (fd >= 0) {
      LibC.close(fd);
      return 0;
    }
    return LibC.errno();
  }

  @Test
  void aKernelBefore610CannotDriveADeviceWithoutMonitor() throws Exception {
    tree.kernel("6.1.0-28-amd64");
    tree.device(ID, DM, 9).boundTo(VmbusDeviceInfo.UIO_DRIVER).uio("uio0")
        .map("uio0", 0, UioMapInfo.TXRX_RINGS, FakeVmbusTree.HOSTED_MAP_SIZE);
    HypervBackend backend = backend(tree.paths);

    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, enable(backend, DM, null));
    assertMentions("no monitor_id", "6.10 or newer", "this kernel is 6.1.0-28-amd64",
        "Boot a 6.10 or newer kernel");
  }

  @Test
  void anUnexpectedRingSizeIsRefusedNamingTheSize() throws Exception {
    tree.device(ID, DM, 9).boundTo(VmbusDeviceInfo.UIO_DRIVER).uio("uio0")
        .map("uio0", 0, UioMapInfo.TXRX_RINGS, 0x6001);
    tree.standInNode("uio0", 0x7000);
    HypervBackend backend = backend(tree.paths);

    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, enable(backend, DM, null));
    assertMentions("unexpected ring size", "24577 bytes (0x6001)");
  }

  @Test
  void aMonitoredDeviceWithoutMonitorPageCannotSignalTheHost() throws Exception {
    tree.kernel("5.15.0-1051-azure");
    tree.device(ID, DM, 9).monitorId(37).boundTo(VmbusDeviceInfo.UIO_DRIVER).uio("uio0")
        .map("uio0", 0, UioMapInfo.TXRX_RINGS, FakeVmbusTree.HOSTED_MAP_SIZE);
    tree.standInNode("uio0", FakeVmbusTree.HOSTED_MAP_SIZE);
    HypervBackend backend = backend(tree.paths);

    assertEquals(NtStatus.STATUS_NOT_FOUND, enable(backend, DM, null));
    assertMentions("monitor_id 37", "no map named monitor_page", "cannot signal the host");
  }

    @Test
  void withoutATargetThereIsNothingToOpen() {
    HypervBackend backend = backend(tree.paths);

    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, enable(backend, null, null));
    assertMentions("call VmbClientChannelInitSetTargetPnp before VmbChannelEnable");
  }
}
