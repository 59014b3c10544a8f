package dev.vmbkmcl.hyperv;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A fake {@code /sys}, {@code /dev} and {@code /proc} under a temporary directory. */
final class FakeVmbusTree {

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
