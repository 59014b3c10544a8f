package dev.vmbkmcl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Backend selection: by the {@code vmbkmcl.backend} name, else by priority; created once. */
class KmclBackendsTest {
  private final TestBackendProviders.Alpha alpha = new TestBackendProviders.Alpha();
  private final TestBackendProviders.Beta beta = new TestBackendProviders.Beta();

  @Test
  void serviceLoaderFindsTheRegisteredTestProviders() {
    KmclBackendProvider chosen =
        KmclBackends.choose(ServiceLoader.load(KmclBackendProvider.class), null);
    assertInstanceOf(TestBackendProviders.Beta.class, chosen);
    assertInstanceOf(TestBackendProviders.Alpha.class,
        KmclBackends.choose(ServiceLoader.load(KmclBackendProvider.class), "alpha"));
  }

  @Test
  void theNamedProviderWinsOverAHigherPriority() {
    assertSame(alpha, KmclBackends.choose(List.of(beta, alpha), "alpha"));
  }

  @Test
  void namesMatchWithoutRegardToCaseOrSurroundingBlanks() {
    assertSame(alpha, KmclBackends.choose(List.of(beta, alpha), " ALPHA "));
  }

  @Test
  void withoutANameTheHighestPriorityWins() {
    assertSame(beta, KmclBackends.choose(List.of(alpha, beta), null));
    assertSame(beta, KmclBackends.choose(List.of(beta, alpha), "  "));
  }

  @Test
  void equalPrioritiesAreBrokenByNameNotByClassPathOrder() {
    KmclBackendProvider zed = new TestBackendProviders.Named("zed", 10) { };
    assertSame(alpha, KmclBackends.choose(List.of(zed, alpha), null));
    assertSame(alpha, KmclBackends.choose(List.of(alpha, zed), null));
  }

  @Test
  void aMissingNamedBackendListsTheAvailableOnesAndTheArtifactToAdd() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> KmclBackends.choose(List.of(alpha, beta), "hyperv"));
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains("'hyperv'"), message);
    assertTrue(message.contains("alpha (priority 10), beta (priority 20)"), message);
    assertTrue(message.contains("dev.vmbkmcl:vmbkmcl-hyperv"), message);
    assertTrue(message.contains("-Dvmbkmcl.backend"), message);
  }

  @Test
  void aMissingSimBackendNamesTheSimArtifact() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> KmclBackends.choose(List.of(alpha), "sim"));
    assertTrue(String.valueOf(e.getMessage()).contains("dev.vmbkmcl:vmbkmcl-sim"));
  }

  @Test
  void noBackendAtAllNamesBothArtifacts() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> KmclBackends.choose(List.of(), null));
    String message = String.valueOf(e.getMessage());
    assertTrue(message.startsWith("No KMCL backend is on the class path; available: []"), message);
    assertTrue(message.contains("vmbkmcl-sim") && message.contains("vmbkmcl-hyperv"), message);
  }

  @Test
  void theBackendIsCreatedOnceAndOnlyWhenFirstNeeded() {
    AtomicInteger lookups = new AtomicInteger();
    KmclBackends backends = new KmclBackends(() -> {
      lookups.incrementAndGet();
      return List.of(alpha, beta);
    }, () -> "alpha");
    assertEquals(0, lookups.get());

    KmclBackend first = backends.backend();
    KmclBackend second = backends.backend();

    assertSame(first, second);
    assertEquals(1, alpha.created.get());
    assertEquals(0, beta.created.get());
    assertEquals(1, lookups.get());
    assertEquals("alpha", first.name());
  }

  @Test
  void aFailedCreationIsRetriedOnTheNextCall() {
    AtomicInteger attempts = new AtomicInteger();
    KmclBackendProvider flaky = new TestBackendProviders.Named("flaky", 1) {
      @Override
      public KmclBackend create() {
        if (attempts.incrementAndGet() == 1) {
          throw new IllegalStateException("no device yet");
        }
        return super.create();
      }
    };
    KmclBackends backends = new KmclBackends(() -> List.of(flaky), () -> null);

    assertThrows(IllegalStateException.class, backends::backend);
    assertEquals("flaky", backends.backend().name());
    assertEquals(2, attempts.get());
  }
}
