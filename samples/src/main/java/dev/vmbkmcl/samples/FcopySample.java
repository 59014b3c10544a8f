package dev.vmbkmcl.samples;

import static dev.vmbkmcl.Vmbkmcl.*;

import dev.vmbkmcl.DeviceObject;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.sim.SimVmbus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code fcopy}: the Guest Services file-copy guest driver writing under {@code --target}, against
 * the simulated host's files and hostile requests, or serving the real host's {@code Copy-VMFile}
 * for {@code --seconds}.
 */
final class FcopySample {
  private FcopySample() {}

  /** Runs the sample as {@code options} ask; returns normally on success. */
  static void run(Options options, PrintStream out) throws SampleException, InterruptedException {
    Path target = options.target();
    if (options.backend() == SampleBackend.SIM) {
      onSim(target, options.allowSharedTarget(), out);
    } else if (target != null) {
      onHyperv(target, options.allowSharedTarget(), options.seconds(), out);
    } else {
      throw new SampleException("fcopy on hyperv needs --target DIR");
    }
  }

  private static void onSim(@Nullable Path target, boolean allowShared, PrintStream out)
      throws SampleException, InterruptedException {
    Path scratch = target == null ? temporaryDirectory() : null;
    Path root = scratch == null ? emptyTarget(target) : scratch.resolve("target");
    try {
      if (scratch != null) {
        Files.createDirectory(root);
      }
      out.println("fcopy: Guest Services file copy on the simulated VMBus, into " + root);
      SimVmbus bus = new SimVmbus();
      FcopyHost host = new FcopyHost(bus.hostDevice(), out, root);
      host.offer();
      FcopyGuest guest = new FcopyGuest(bus.guestDevice(), root, allowShared, out);
      try {
        KmclCalls.require(guest.enable(), "guest: VmbChannelEnable");
        host.run();
      } finally {
        guest.disable();
        host.withdraw();
        if (scratch == null) {
          // The target was empty before; emptying it again makes the command repeatable.
          FcopyFiles.removeContents(root);
          out.println("fcopy: removed the simulated host's files from " + root);
        }
      }
      out.println("ok: " + host.filesChecked() + " files identical byte for byte, "
          + host.refusedCases() + " hostile requests refused with nothing left behind, and the"
          + " guest kept serving");
    } catch (IOException e) {
      throw new SampleException("fcopy: cannot prepare the target directory: " + e);
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
  }

  private static void onHyperv(Path target, boolean allowShared, int seconds, PrintStream out)
      throws SampleException, InterruptedException {
    DeviceObject device = HypervGuest.device();
    FcopyGuest guest = new FcopyGuest(device, target, allowShared, out);
    NtStatus enabled = guest.enable();
    if (!NT_SUCCESS(enabled)) {
      guest.disable();
      throw HypervGuest.enableFailed(device, guest.channel(), "fcopy", enabled);
    }
    out.println("fcopy: serving the host's file copies (Copy-VMFile) into " + target
        + (seconds == 0 ? " until it closes the channel" : " for " + seconds + " s"));
    GuestProgress progress = guest.progress();
    @Nullable String stopped;
    try {
      progress.await(Integer.MAX_VALUE, seconds);
      stopped = progress.stopReason(); // read before Disable, which closes the channel itself
    } finally {
      guest.disable();
    }
    out.println("ok: " + progress.count() + " files received, " + guest.refused()
        + " requests refused" + (stopped == null ? "" : "; then " + stopped));
  }

  private static Path temporaryDirectory() throws SampleException {
    try {
      return Files.createTempDirectory("vmbkmcl-fcopy-");
    } catch (IOException e) {
      throw new SampleException("fcopy: cannot create a temporary directory: " + e);
    }
  }

  /**
   * The target, created if missing (mode 0700); the simulated host checks every file it finds
   * there, so it must be empty. The run empties it again at the end.
   */
  private static Path emptyTarget(@Nullable Path target) throws SampleException {
    if (target == null) {
      throw new SampleException("fcopy: no --target directory given");
    }
    try {
      if (!Files.isDirectory(target)) {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.createDirectory(target,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      try (Stream<Path> entries = Files.list(target)) {
        if (entries.findAny().isPresent()) {
          throw new SampleException("fcopy: --target " + target + " is not empty; the simulated"
              + " host checks every file it finds there, so give it an empty directory");
        }
      }
    } catch (IOException e) {
      throw new SampleException("fcopy: --target " + target + " is not a usable directory: " + e);
    }
    return target;
  }

  private static void deleteTree(Path top) {
    try (Stream<Path> walk = Files.walk(top)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // A leftover temporary directory is harmless; the run's result stands.
    }
  }
}
