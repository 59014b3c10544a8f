package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way {@link UioDevice#open} says no, each with its NTSTATUS and the fix in the message. */
class UioDeviceOpenErrorsTest {

  private static final String ID = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";

  @TempDir Path temp;
  private FakeVmbusTree tree;

  @BeforeEach
  void tree() throws Exception {
    tree = new FakeVmbusTree(temp);
  }

  private HypervException openFails() throws HypervException {
    VmbusDeviceInfo info = new VmbusSysfs(tree.paths).find(VmbusClasses.DYNAMIC_MEMORY);
    return assertThrows(HypervException.class, () -> UioDevice.open(tree.paths, info));
  }

  private static void assertMentions(HypervException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "missing <" + part + "> in " + e.getMessage());
    }
  }

  @Test
  void boundToItsKernelDriverPrintsTheCommandsThatMoveIt() throws Exception {
    tree.device(ID, VmbusClasses.DYNAMIC_MEMORY, 9).boundTo("hv_balloon");

    HypervException e = openFails();

    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, e.status());
    String sys = tree.paths.vmbusRoot().toString();
    assertMentions(
        e,
        "bound to the kernel driver hv_balloon",
        "  modprobe uio_hv_generic\n",
        "  echo uio_hv_generic > " + sys + "/devices/" + ID + "/driver_override\n",
        "  echo -n " + ID + " > " + sys + "/drivers/hv_balloon/unbind\n",
        "  echo -n " + ID + " > " + sys + "/drivers_probe");
  }

  @Test
  void unboundPrintsTheBindCommandsWithoutUnbind() throws Exception {
    tree.device(ID, VmbusClasses.DYNAMIC_MEMORY, 9);

    HypervException e = openFails();

    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, e.status());
    String sys = tree.paths.vmbusRoot().toString();
    assertMentions(
        e,
        "is not bound to any driver",
        "modprobe uio_hv_generic",
        "echo uio_hv_generic > " + sys + "/devices/" + ID + "/driver_override",
        "echo -n " + ID + " > " + sys + "/drivers_probe",
        "echo 525074dc-8985-46e2-8057-a307dc18a502 > " + sys + "/drivers/uio_hv_generic/new_id");
    assertFalse(e.getMessage().contains("unbind"), e.getMessage());
  }

  @Test
  void deviceWithoutMonitorOnAKernelBefore610IsNotSupported() throws Exception {
    tree.kernel("6.1.0-28-amd64");
    tree.device(ID, VmbusClasses.DYNAMIC_MEMORY, 9);

    HypervException e = openFails();

    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, e.status());
    assertMentions(e, "no monitor_id", "6.10 or newer", "this kernel is 6.1.0-28-amd64");
  }

  @Test
  void monitoredDeviceOnAnOldKernelGoesOnToTheBindingCheck() throws Exception {
    tree.kernel("5.15.0-1051-azure");
    tree.device(ID, VmbusClasses.DYNAMIC_MEMORY, 9).monitorId(37).boundTo("hv_balloon");

    assertEquals(NtStatus.STATUS_INVALID_DEVICE_STATE, openFails().status());
  }

  @Test
  void boundToUioWithoutUioNodeInSysfs() throws Exception {
    tree.device(ID, VmbusClasses.DYNAMIC_MEMORY, 9).boundTo("uio_hv_generic");

    HypervException e = openFails();

    assertEquals(NtStatus.STATUS_NOT_FOUND, e.status());
    assertMentions(e, "holds no uioN node", "/drivers/uio_hv_generic/bind");
  }

  @Test
  void missingDeviceNodeTellsHowToCreateIt() throws Exception {
    tree.device(ID, VmbusClasses.DYNAMIC_MEMORY, 9)
        .boundTo("uio_hv_generic")
        .uio("uio0")
        .map("uio0", 0, "txrx_rings", 0x6000);

    HypervException e = openFails();

    assertEquals(NtStatus.STATUS_NOT_FOUND, e.status());
    Path node = tree.paths.devDir().resolve("uio0");
    assertMentions(e, node + " does not exist", "mknod " + node + " c 243 0");
  }

  @Test
  void missingTxrxRingsMapListsTheMapsFound() throws Exception {
    tree.device(ID, VmbusClasses.DYNAMIC_MEMORY, 9)
        .boundTo("uio_hv_generic")
        .uio("uio0")
        .map("uio0", 0, "int_page", 0x1000);

    HypervException e = openFails();

    assertEquals(NtStatus.STATUS_NOT_FOUND, e.status());
    assertMentions(e, "no map named txrx_rings", "map0=int_page");
  }

  @Test
  void unexpectedRingSizesAreRefusedNamingTheSize() throws Exception {
    FakeVmbusTree.Device device =
        tree.device(ID, VmbusClasses.DYNAMIC_MEMORY, 9).boundTo("uio_hv_generic").uio("uio0");
    FakeVmbusTree.sizedFile(tree.paths.devDir().resolve("uio0"), 0x10000);
    long[] badSizes = {0x6001, 0x2000, 0x200C, 0};
    for (long size : badSizes) {
      device.map("uio0", 0, "txrx_rings", size);

      HypervException e = openFails();

      assertEquals(NtStatus.STATUS_NOT_SUPPORTED, e.status());
      assertMentions(e, "unexpected ring size", size + " bytes (0x" + Long.toHexString(size) + ")");
    }
  }

  /** A device bound to uio with a valid map 0 and node, and the given {@code monitor_id} text. */
  private FakeVmbusTree.Device monitoredWithRings(String monitorId) throws Exception {
    FakeVmbusTree.Device device =
        tree.device(ID, VmbusClasses.DYNAMIC_MEMORY, 9)
            .boundTo("uio_hv_generic")
            .uio("uio0")
            .map("uio0", 0, "txrx_rings", FakeVmbusTree.HOSTED_MAP_SIZE);
    FakeVmbusTree.sizedFile(tree.paths.devDir().resolve("uio0"), FakeVmbusTree.HOSTED_MAP_SIZE);
    Files.writeString(device.dir.resolve("monitor_id"), monitorId + "\n");
    return device;
  }

  @Test
  void monitoredDeviceWithoutMonitorPageMapCannotSignalTheHost() throws Exception {
    monitoredWithRings("37").map("uio0", 1, "int_page", 0x1000);

    HypervException e = openFails();

    assertEquals(NtStatus.STATUS_NOT_FOUND, e.status());
    assertMentions(e, "monitor_id 37", "no map named monitor_page", "map0=txrx_rings, map1=int_page");
  }

  @Test
  void aMonitorIdThatIsNoneIsRefusedNamingIt() throws Exception {
    FakeVmbusTree.Device device = monitoredWithRings("0").map("uio0", 2, "monitor_page", 0x1000);
    for (String text : new String[] {"128", "abc", "-3"}) {
      Files.writeString(device.dir.resolve("monitor_id"), text + "\n");

      HypervException e = openFails();

      assertEquals(NtStatus.STATUS_NOT_SUPPORTED, e.status(), text);
      assertMentions(e, text.equals("128") ? "monitor_id reads 128" : "monitor_id is not a number",
          "not a monitor id from 0 to 127");
    }
  }

  @Test
  void aMonitorPageMapTooSmallForTheTriggerGroupsIsRefused() throws Exception {
    monitoredWithRings("37").map("uio0", 2, "monitor_page", 39);

    HypervException e = openFails();

    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, e.status());
    assertMentions(e, "(monitor_page) of uio0 is 39 bytes");
  }

  @Test
  void permissionDeniedSaysRunAsRootOrGrantAccess() {
    Path node = Path.of("/dev/uio0");
    for (int errno : new int[] {LibC.EACCES, LibC.EPERM}) {
      HypervException e = DeviceFiles.openFailure(node, errno, "unused");

      assertEquals(NtStatus.STATUS_ACCESS_DENIED, e.status());
      assertMentions(e, "permission denied opening /dev/uio0", "Run as root", "chown", "udev rule");
    }
  }

  @Test
  void otherOpenErrorsNameTheErrno() {
    HypervException e = DeviceFiles.openFailure(Path.of("/dev/uio0"), 19, "unused");

    assertEquals(NtStatus.STATUS_UNSUCCESSFUL, e.status());
    assertMentions(e, "errno 19");
  }
}
