package dev.vmbkmcl.hyperv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Objects;
import org.junit.jupiter.api.Test;

class KernelReleaseTest {

  private static KernelRelease parse(String text) {
    return Objects.requireNonNull(KernelRelease.parse(text));
  }

  @Test
  void parsesDistributionReleaseStrings() {
    KernelRelease debian = parse("6.12.38+deb12-amd64");

    assertEquals(6, debian.major());
    assertEquals(12, debian.minor());
    assertNull(KernelRelease.parse("unknown"));
    assertNull(KernelRelease.parse(null));
  }

  @Test
  void comparesAgainstSixTen() {
    assertFalse(parse("6.9.12").isAtLeast(6, 10));
    assertFalse(parse("5.15.0-1051-azure").isAtLeast(6, 10));
    assertTrue(parse("6.10.0").isAtLeast(6, 10));
    assertTrue(parse("6.18.44-fc").isAtLeast(6, 10));
    assertTrue(parse("7.0.1").isAtLeast(6, 10));
  }
}
