package dev.vmbkmcl.hyperv;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A fake {@code /sys}, {@code /dev} and {@code /proc} under a temporary directory. */
final class FakeVmbusTree {

  /**
   * Map 0 of a hosted device: two rings of 0x2000 bytes, each a control page and a 4096-byte data
   * area, the {@code dsize} of the reference's test vectors (§8).
   */
  static final int HOSTED_MAP_SIZE = 0x4000;

  final Path root;
  final HypervPaths paths;

  FakeVmbusTree(Path root) throws IOException {
    this.root = root;
    this.paths =
        new HypervPaths(
            root.resolve("sys/bus/vmbus"),
            root.resolve("sys/class/uio"),
            root.resolve("dev"),
            root.resolve("proc/sys/kernel/osrelease"));
    Files.createDirectories(paths.devicesDir());
    Files.createDirectories(paths.driversDir());
    Files.createDirectories(paths.uioClassRoot());
    Files.createDirectories(paths.devDir());
    Files.createDirectories(paths.kernelRelease().getParent());
    kernel("6.12.38+deb12-amd64");
  }

  FakeVmbusTree kernel(String release) throws IOException {
    Files.writeString(paths.kernelRelease(), release + "\n");
    return this;
  }

  /** A device directory with {@code class_id}, {@code device_id} and {@code id} in sysfs form. */
  Device device(String instance, UUID classId, int relid) throws IOException {
    Path dir = paths.devicesDir().resolve(instance);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("class_id"), "{" + classId + "}\n");
    Files.writeString(dir.resolve("device_id"), "{" + instance + "}\n");
    Files.writeString(dir.resolve("id"), relid + "\n");
    return new Device(dir);
  }

  /**
   * A stand-in for {@code /dev/<uio>}: a sparse regular file of {@code size} bytes (mapped like uio
   * map 0) and the two FIFOs of {@link StandInDoorbells} beside it.
   */
  Path standInNode(String uio, long size) throws IOException {
    Path node = sizedFile(paths.devDir().resolve(uio), size);
    String doorbell = node + StandInDoorbells.DOORBELL_SUFFIX;
    String interrupts = node + StandInDoorbells.INTERRUPTS_SUFFIX;
    int exit;
    try {
      exit = new ProcessBuilder("mkfifo", doorbell, interrupts).inheritIO().start().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running mkfifo", e);
    }
    if (exit != 0) {
      throw new IOException("mkfifo " + doorbell + " " + interrupts + " exited with " + exit);
    }
    return node;
  }

  /**
   * A device bound to uio_hv_generic as {@code uio}, with map 0 {@code txrx_rings} of {@link
   * #HOSTED_MAP_SIZE} bytes, its stand-in node, and the simulated host on the other side of it (the
   * channel not opened yet: call {@link SimulatedHost#openChannel}).
   */
  SimulatedHost hostedDevice(String instance, UUID classId, int relid, String uio)
      throws IOException {
    return hostedDevice(instance, classId, relid, uio, HOSTED_MAP_SIZE, 4096);
  }

  /**
   * As {@link #hostedDevice(String, UUID, int, String)} with map 0 of {@code mapSize} bytes laid out
   * by a kernel whose pages (and so ring headers) are {@code pageSize} bytes.
   */
  SimulatedHost hostedDevice(
      String instance, UUID classId, int relid, String uio, int mapSize, int pageSize)
      throws IOException {
    device(instance, classId, relid)
        .boundTo(VmbusDeviceInfo.UIO_DRIVER)
        .uio(uio)
        .map(uio, 0, UioMapInfo.TXRX_RINGS, mapSize);
    return new SimulatedHost(standInNode(uio, mapSize), mapSize, pageSize);
  }

  /**
   * What the kernel does after the host rescinds a device (§4.6): the device directory, its uio
   * class entry and its node go away. The stand-in node's FIFOs go too, so the device can be
   * offered again with {@link #hostedDevice}.
   */
  void removeDevice(String instance, String uio) throws IOException {
    deleteTree(paths.devicesDir().resolve(instance));
    deleteTree(paths.uioClassRoot().resolve(uio));
    Path node = paths.devDir().resolve(uio);
    Files.deleteIfExists(node);
    Files.deleteIfExists(Path.of(node + StandInDoorbells.DOORBELL_SUFFIX));
    Files.deleteIfExists(Path.of(node + StandInDoorbells.INTERRUPTS_SUFFIX));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Creates a sparse regular file of {@code size} bytes. */
  static Path sizedFile(Path file, long size) throws IOException {
    Files.createDirectories(file.getParent());
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(size);
    }
    return file;
  }

  /** One fake device; each method adds what a real kernel would show. */
  final class Device {
    final Path dir;

    Device(Path dir) {
      this.dir = dir;
    }

    String id() {
      return String.valueOf(dir.getFileName());
    }

    Device boundTo(String driver) throws IOException {
      Path driverDir = paths.driversDir().resolve(driver);
      Files.createDirectories(driverDir);
      Files.createSymbolicLink(dir.resolve("driver"), dir.relativize(driverDir));
      return this;
    }

    Device monitorId(int monitorId) throws IOException {
      Files.writeString(dir.resolve("monitor_id"), monitorId + "\n");
      return this;
    }

    /** {@code uio/<name>} under the device and {@code <uioClass>/<name>/dev}. */
    Device uio(String name) throws IOException {
      Files.createDirectories(dir.resolve("uio").resolve(name));
      Path classDir = paths.uioClassRoot().resolve(name);
      Files.createDirectories(classDir.resolve("maps"));
      Files.writeString(classDir.resolve("dev"), "243:0\n");
      return this;
    }

    /** {@code <uioClass>/<uio>/maps/map<index>/{name,size}}, size printed like the kernel's %pa. */
    Device map(String uio, int index, String name, long size) throws IOException {
      Path mapDir = paths.uioClassRoot().resolve(uio).resolve("maps").resolve("map" + index);
      Files.createDirectories(mapDir);
      Files.writeString(mapDir.resolve("name"), name + "\n");
      Files.writeString(mapDir.resolve("size"), String.format("0x%016x%n", size));
      return this;
    }

    /** {@code channels/<relid>/subchannel_id}, plus a {@code ring} file when ringBytes > 0. */
    Device channel(int relid, int subchannelId, long ringBytes) throws IOException {
      Path channelDir = dir.resolve("channels").resolve(Integer.toString(relid));
      Files.createDirectories(channelDir);
      Files.writeString(channelDir.resolve("subchannel_id"), subchannelId + "\n");
      if (ringBytes > 0) {
        sizedFile(channelDir.resolve("ring"), ringBytes);
      }
      return this;
    }
  }
}
