package dev.vmbkmcl.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of vmbkmcl-sim, enforced (issue 14): no cycles between its packages and no JNA (only
 * vmbkmcl-hyperv's native corner imports it). Checks this module's main classes only: the class
 * folder or jar that holds {@link SimVmbus}; vmbkmcl-api's own ArchitectureTest checks the rest.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter()
        .importUrl(SimVmbus.class.getProtectionDomain().getCodeSource().getLocation());
  }

  @Test
  void theMainClassesWereFound() {
    // Guards the rules below against passing on an empty import.
    main.get(SimVmbus.class);
    main.get(dev.vmbkmcl.sim.junit.SimVmbusExtension.class);
  }

  /** Each package is its own slice: "(**)" captures the full package name. */
  @Test
  void packagesFormNoCycle() {
    slices().matching("(**)").namingSlices("package $1").should().beFreeOfCycles().check(main);
  }

  @Test
  void nothingHereImportsJna() {
    noClasses().should().dependOnClassesThat().resideInAPackage("com.sun.jna..").check(main);
  }

  // A backend implements the small transport port (dev.vmbkmcl.channel.Transport) and holds the
  // one final engine; it never implements the facade's KMCL contract itself.
  @Test
  void aBackendIsATransportNotAKmclBackend() {
    noClasses().should().implement(dev.vmbkmcl.KmclBackend.class).check(main);
    noClasses().should().beAssignableTo(dev.vmbkmcl.channel.Engine.class).check(main);
  }
}
