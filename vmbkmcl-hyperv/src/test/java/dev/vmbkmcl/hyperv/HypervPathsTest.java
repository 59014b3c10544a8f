package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HypervPathsTest {

  @Test
  void defaultsAreTheRealSystemPaths() {
    HypervPaths paths = HypervPaths.defaults();

    assertEquals(Path.of("/sys/bus/vmbus"), paths.vmbusRoot());
    assertEquals(Path.of("/sys/class/uio"), paths.uioClassRoot());
    assertEquals(Path.of("/dev"), paths.devDir());
    assertEquals(Path.of("/proc/sys/kernel/osrelease"), paths.kernelRelease());
    assertEquals(Path.of("/sys/bus/vmbus/devices"), paths.devicesDir());
    assertEquals(Path.of("/sys/bus/vmbus/drivers"), paths.driversDir());
  }

  @Test
  void eachPropertyOverridesItsPath() {
    Properties properties = new Properties();
    properties.setProperty("vmbkmcl.hyperv.sysfs", "/t/vmbus");
    properties.setProperty("vmbkmcl.hyperv.uioClass", "/t/uio");
    properties.setProperty("vmbkmcl.hyperv.dev", "/t/dev");
    properties.setProperty("vmbkmcl.hyperv.osrelease", "/t/osrelease");

    assertEquals(
        new HypervPaths(
            Path.of("/t/vmbus"), Path.of("/t/uio"), Path.of("/t/dev"), Path.of("/t/osrelease")),
        HypervPaths.fromProperties(properties));
  }
}
