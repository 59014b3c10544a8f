package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vmbkmcl.NtStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmbusSysfsTest {

  private static final String BALLOON = "1eccfd72-4b41-45ef-b73a-4a6e44c12924";
  private static final String HEARTBEAT = "2dd1ce17-079e-403c-b352-a1921ee207ee";
  private static final String SHUTDOWN = "b6650ff7-33bc-4840-8048-e0676786f393";

  @TempDir Path temp;

  /** Balloon on uio with five maps and two subchannels, heartbeat on hv_utils, shutdown unbound. */
  private FakeVmbusTree threeDevices() throws IOException {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    tree.device(BALLOON, VmbusClasses.DYNAMIC_MEMORY, 9)
        .boundTo("uio_hv_generic")
        .uio("uio0")
        .map("uio0", 0, "txrx_rings", 0x400000)
        .map("uio0", 1, "int_page", 0x1000)
        .map("uio0", 2, "monitor_page", 0x1000)
        .map("uio0", 3, "recv:17", 0x1f00000)
        .map("uio0", 4, "send:18", 0x1000000)
        .channel(9, 0, 0x400000)
        .channel(21, 2, 0x400000)
        .channel(20, 1, 0);
    tree.device(HEARTBEAT, VmbusClasses.HEARTBEAT, 3).boundTo("hv_utils").monitorId(37);
    tree.device(SHUTDOWN, VmbusClasses.SHUTDOWN, 2);
    return tree;
  }

  @Test
  void listsDevicesSortedByInstanceWithTheirBindingMonitorMapsAndChannels() throws Exception {
    FakeVmbusTree tree = threeDevices();

    List<VmbusDeviceInfo> devices = new VmbusSysfs(tree.paths).devices();

    assertEquals(3, devices.size());
    VmbusDeviceInfo balloon = devices.get(0);
    assertEquals(UUID.fromString(BALLOON), balloon.instanceId());
    assertEquals(VmbusClasses.DYNAMIC_MEMORY, balloon.classId());
    assertEquals(9, balloon.relid());
    assertEquals("uio_hv_generic", balloon.driver());
    assertTrue(balloon.isBoundToUio());
    assertEquals("uio0", balloon.uioName());
    assertFalse(balloon.monitored());
    assertEquals(VmbusDeviceInfo.NO_MONITOR, balloon.monitorId());
    assertEquals(5, balloon.uioMaps().size());
    assertEquals(new UioMapInfo(0, "txrx_rings", 0x400000), balloon.uioMaps().get(0));
    assertEquals(new UioMapInfo(3, "recv:17", 0x1f00000), balloon.uioMaps().get(3));
    assertEquals(List.of(9, 20, 21), balloon.channels().stream().map(c -> c.relid()).toList());
    VmbusChannelInfo primary = balloon.channels().get(0);
    assertEquals(0, primary.subchannelId());
    assertFalse(primary.isSubchannel());
    assertEquals(0x400000, primary.ringFileSize());
    List<VmbusChannelInfo> subchannels = balloon.subchannels();
    assertEquals(List.of(20, 21), subchannels.stream().map(c -> c.relid()).toList());
    assertNull(subchannels.get(0).ringFile(), "no ring file yet");
    assertEquals(0, subchannels.get(0).ringFileSize());
    assertEquals(
        balloon.directory().resolve("channels/21/ring"), subchannels.get(1).ringFile());
    assertEquals(2, subchannels.get(1).subchannelId());

    VmbusDeviceInfo heartbeat = devices.get(1);
    assertEquals(VmbusClasses.HEARTBEAT, heartbeat.classId());
    assertEquals("hv_utils", heartbeat.driver());
    assertFalse(heartbeat.isBoundToUio());
    assertTrue(heartbeat.monitored());
    assertEquals(37, heartbeat.monitorId());
    assertNull(heartbeat.uioName());
    assertTrue(heartbeat.uioMaps().isEmpty());
    assertTrue(heartbeat.channels().isEmpty());

    VmbusDeviceInfo shutdown = devices.get(2);
    assertNull(shutdown.driver());
    assertEquals(2, shutdown.relid());
  }

  @Test
  void findsMapsByNameNotByPosition() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    tree.device(BALLOON, VmbusClasses.DYNAMIC_MEMORY, 9)
        .boundTo("uio_hv_generic")
        .uio("uio3")
        .map("uio3", 0, "int_page", 0x1000)
        .map("uio3", 1, "txrx_rings", 0x6000);

    VmbusDeviceInfo device = new VmbusSysfs(tree.paths).find(VmbusClasses.DYNAMIC_MEMORY);

    assertEquals(1, device.uioMap(UioMapInfo.TXRX_RINGS).orElseThrow().index());
    assertEquals(0x6000, device.uioMap(UioMapInfo.TXRX_RINGS).orElseThrow().size());
    assertTrue(device.uioMap("monitor_page").isEmpty());
  }

  @Test
  void toleratesMissingAttributesAndSkipsDirectoriesWithoutGuids() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);
    FakeVmbusTree.Device device = tree.device(SHUTDOWN, VmbusClasses.SHUTDOWN, 2);
    Files.delete(device.dir.resolve("id"));
    Files.createDirectories(device.dir.resolve("channels/2")); // no subchannel_id, no ring
    Files.createDirectories(tree.paths.devicesDir().resolve("not-a-guid"));
    Path noClass = tree.paths.devicesDir().resolve("0e0b6031-5213-4934-818b-38d90ced39db");
    Files.createDirectories(noClass);

    List<VmbusDeviceInfo> devices = new VmbusSysfs(tree.paths).devices();

    assertEquals(1, devices.size());
    assertEquals(-1, devices.get(0).relid());
    assertEquals(new VmbusChannelInfo(2, -1, null, 0), devices.get(0).channels().get(0));
  }

  @Test
  void findsByClassAndInstance() throws Exception {
    FakeVmbusTree tree = threeDevices();
    String second = "00000000-0000-0000-0000-00000000000a";
    tree.device(second, VmbusClasses.HEARTBEAT, 4);
    VmbusSysfs sysfs = new VmbusSysfs(tree.paths);

    assertEquals(UUID.fromString(second), sysfs.find(VmbusClasses.HEARTBEAT).instanceId());
    assertEquals(
        UUID.fromString(HEARTBEAT),
        sysfs.find(VmbusClasses.HEARTBEAT, UUID.fromString(HEARTBEAT)).instanceId());
  }

  @Test
  void deviceNotFoundListsThePresentClassesByName() throws Exception {
    FakeVmbusTree tree = threeDevices();

    HypervException e =
        assertThrows(
            HypervException.class, () -> new VmbusSysfs(tree.paths).find(VmbusClasses.FILE_COPY));

    assertEquals(NtStatus.STATUS_NOT_FOUND, e.status());
    String message = e.getMessage();
    assertTrue(message.startsWith("STATUS_NOT_FOUND (0xC0000225): "), message);
    assertTrue(message.contains("34d14be3-dee4-41c8-9ae7-6b174977c192 (Guest services"), message);
    assertTrue(message.contains("525074dc-8985-46e2-8057-a307dc18a502 Dynamic Memory"), message);
    assertTrue(message.contains("57164f39-9115-4e78-ab55-382f3bd5422d Heartbeat"), message);
    assertTrue(message.contains("0e0b6031-5213-4934-818b-38d90ced39db Shutdown"), message);
  }

  @Test
  void wrongInstanceIsNotFound() throws Exception {
    FakeVmbusTree tree = threeDevices();
    UUID other = UUID.fromString("11111111-2222-3333-4444-555555555555");

    HypervException e =
        assertThrows(
            HypervException.class,
            () -> new VmbusSysfs(tree.paths).find(VmbusClasses.HEARTBEAT, other));

    assertEquals(NtStatus.STATUS_NOT_FOUND, e.status());
    assertTrue(e.getMessage().contains("with instance " + other), e.getMessage());
  }

  @Test
  void emptyBusSaysThereAreNoDevices() throws Exception {
    FakeVmbusTree tree = new FakeVmbusTree(temp);

    HypervException e =
        assertThrows(
            HypervException.class, () -> new VmbusSysfs(tree.paths).find(VmbusClasses.HEARTBEAT));

    assertEquals(NtStatus.STATUS_NOT_FOUND, e.status());
    assertTrue(e.getMessage().contains("no VMBus devices at all"), e.getMessage());
  }

  @Test
  void noVmbusMeansNotAHypervGuest() {
    HypervPaths nowhere =
        new HypervPaths(
            temp.resolve("sys/bus/vmbus"), temp.resolve("uio"), temp.resolve("dev"), temp);

    HypervException e =
        assertThrows(HypervException.class, () -> new VmbusSysfs(nowhere).devices());

    assertEquals(NtStatus.STATUS_NOT_SUPPORTED, e.status());
    assertTrue(e.getMessage().contains("not a Hyper-V guest"), e.getMessage());
  }
}
