package dev.vmbkmcl.samples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the samples, enforced (issue 14): no cycles between their packages; they drive
 * channels only through the KMCL facade (no dependency on the engine or ring packages) and reach
 * the backends by direct calls, never by reflection; JNA only in fcopy's own native corner. Checks
 * this module's main classes only: the class folder or jar that holds {@link Main}.
 */
class ArchitectureTest {
  /** fcopy's openat / mkdirat / renameat2 bindings and the two handles over them. */
  private static final String[] FCOPY_NATIVE = {
    "dev.vmbkmcl.samples.fcopy.Posix", "dev.vmbkmcl.samples.fcopy.DirHandle",
    "dev.vmbkmcl.samples.fcopy.FileHandle",
  };

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter()
        .importUrl(Main.class.getProtectionDomain().getCodeSource().getLocation());
  }

  @Test
  void theMainClassesWereFound() {
    // Guards the rules below against passing on an empty import.
    main.get(Main.class);
    main.get(HypervSysfsSeam.class);
    for (String name : FCOPY_NATIVE) {
      main.get(name);
    }
  }

  /** Each package is its own slice: "(**)" captures the full package name. */
  @Test
  void packagesFormNoCycle() {
    slices().matching("(**)").namingSlices("package $1").should().beFreeOfCycles().check(main);
  }

  @Test
  void samplesUseTheFacadeNotTheEngine() {
    noClasses().should().dependOnClassesThat()
        .resideInAnyPackage("dev.vmbkmcl.channel..", "dev.vmbkmcl.ring..").check(main);
  }

  /**
   * No reflection: the hyperv backend is called directly (HypervGuest, HypervSysfsSeam). The one
   * exception, TerminalProgress, asks the JDK's own {@code Console.isTerminal()}, which JDK 17 lacks.
   */
  @Test
  void samplesReachNothingByReflection() {
    noClasses().that().doNotHaveFullyQualifiedName(TerminalProgress.class.getName())
        .should().dependOnClassesThat().resideInAPackage("java.lang.reflect..")
        .orShould().callMethod(Class.class, "forName", String.class)
        .orShould().callMethod(Class.class, "forName", String.class, boolean.class,
            ClassLoader.class)
        .orShould().callMethod(Class.class, "getMethod", String.class, Class[].class)
        .orShould().callMethod(Class.class, "getDeclaredMethod", String.class, Class[].class)
        .orShould().callMethod(Class.class, "getDeclaredField", String.class)
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.invoke.MethodHandles")
        .check(main);
  }

  @Test
  void onlyFcopysNativeCornerImportsJna() {
    // The three classes and their nested classes (DirHandle$Stat reads a struct statx).
    noClasses().that()
        .haveNameNotMatching("dev\\.vmbkmcl\\.samples\\.fcopy\\.(Posix|DirHandle|FileHandle)(\\$.*)?")
        .should().dependOnClassesThat().resideInAPackage("com.sun.jna..").check(main);
  }
}
