package dev.vmbkmcl.hyperv;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of vmbkmcl-hyperv, enforced (issue 14): no cycles between its packages, and JNA only in
 * the native corner (design.md "What to take" item 5): {@link LibC} (the direct-mapped libc calls),
 * {@link NativeMapping} (an mmap owned as a ByteBuffer) and {@link UioEventPort} (the doorbell's
 * read / write / poll on the uio fd). Everything else is plain Java over those. Checks this module's
 * main classes only: the class folder or jar that holds {@link HypervBackend}.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter()
        .importUrl(HypervBackend.class.getProtectionDomain().getCodeSource().getLocation());
  }

  @Test
  void theMainClassesWereFound() {
    // Guards the rules below against passing on an empty import.
    main.get(HypervBackend.class);
    main.get(LibC.class);
  }

  /** Each package is its own slice: "(**)" captures the full package name. */
  @Test
  void packagesFormNoCycle() {
    slices().matching("(**)").namingSlices("package $1").should().beFreeOfCycles().check(main);
  }

  @Test
  void onlyTheNativeCornerImportsJna() {
    // The three classes and their nested classes.
    noClasses().that()
        .haveNameNotMatching("dev\\.vmbkmcl\\.hyperv\\.(LibC|NativeMapping|UioEventPort)(\\$.*)?")
        .should().dependOnClassesThat().resideInAPackage("com.sun.jna..").check(main);
  }

  // A backend implements the small transport port (dev.vmbkmcl.channel.Transport) and holds the
  // one final engine; it never implements the facade's KMCL contract itself.
  @Test
  void aBackendIsATransportNotAKmclBackend() {
    noClasses().should().implement(dev.vmbkmcl.KmclBackend.class).check(main);
    noClasses().should().beAssignableTo(dev.vmbkmcl.channel.Engine.class).check(main);
  }
}
