package dev.vmbkmcl;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of vmbkmcl-api, enforced (issue 14): no cycles between its packages, the ring format
 * imports nothing else of the project, the transport port ({@code dev.vmbkmcl.spi}) does not name the
 * facade's types, and nothing here touches JNA (only vmbkmcl-hyperv's native corner does). Checks
 * this module's main classes only: the class folder or jar that holds {@link Vmbkmcl}.
 */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter()
        .importUrl(Vmbkmcl.class.getProtectionDomain().getCodeSource().getLocation());
  }

  @Test
  void theMainClassesWereFound() {
    // Guards the rules below against passing on an empty import.
    main.get(Vmbkmcl.class);
    main.get(dev.vmbkmcl.ring.RingWriter.class);
    main.get(dev.vmbkmcl.channel.Engine.class);
  }

  /** Each package is its own slice: "(**)" captures the full package name. */
  @Test
  void packagesFormNoCycle() {
    slices().matching("(**)").namingSlices("package $1").should().beFreeOfCycles().check(main);
  }

  @Test
  void theRingImportsNothingOfTheProject() {
    noClasses().that().resideInAPackage("dev.vmbkmcl.ring..")
        .should().dependOnClassesThat(
            resideInAPackage("dev.vmbkmcl..").and(not(resideInAPackage("dev.vmbkmcl.ring.."))))
        .check(main);
  }

  @Test
  void theTransportPortDoesNotNameTheFacade() {
    noClasses().that().resideInAPackage("dev.vmbkmcl.spi..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.vmbkmcl", "dev.vmbkmcl.channel..",
            "dev.vmbkmcl.interfaces..")
        .check(main);
  }

  @Test
  void nothingHereImportsJna() {
    noClasses().should().dependOnClassesThat().resideInAPackage("com.sun.jna..").check(main);
  }

  // The facade dispatches to one engine: nothing else implements the KMCL contract.
  @Test
  void onlyTheEngineImplementsTheKmclContract() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
        .that().implement(KmclBackend.class)
        .should().haveFullyQualifiedName(dev.vmbkmcl.channel.Engine.class.getName())
        .check(main);
  }
}
