package dev.vmbkmcl.sim.junit;

import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimFaults;
import dev.vmbkmcl.sim.SimVmbus;
import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a JUnit 5 test what it declares as parameters of the test method or of its
 * {@code @BeforeEach} methods, all on one simulated VMBus per test:
 *
 * <ul>
 *   <li>{@link SimVmbus}: the test's bus, with its fault plan;
 *   <li>{@link SimChannelPair}: a connected, started client/server pair, as {@link SimPairSettings}
 *       on the parameter says (ring pages, interface type);
 *   <li>{@link SimPairs}: opens pairs whose ends need callbacks;
 *   <li>{@link SimFaults}: the bus's seeded fault plan, set up by {@link SimFaultPlan} on the method
 *       or class and open to further settings in the test.
 * </ul>
 *
 * <p>After the test it closes every pair, and fails the test when a channel was poisoned (the peer
 * broke the ring format), when a channel on the bus was left enabled (it is then disabled), or when
 * an engine thread started during the test still runs after a grace period (configuration parameter
 * {@value #THREAD_GRACE_PARAMETER}, default 30,000 ms). When the test fails and had a fault plan,
 * it prints the seed to standard error and publishes it as the report entry {@value #SEED_ENTRY}.
 * Tests of one class must not run in parallel (the thread check sees every engine thread).
 *
 * <pre>{@code
 * @ExtendWith(SimVmbusExtension.class)
 * class MyDriverTest {
 *   @Test
 *   @SimFaultPlan(dropDoorbells = 0.2)
 *   void survivesLostDoorbells(@SimPairSettings(ringPages = 8) SimChannelPair pair) { ... }
 * }
 * }</pre>
 */
public final class SimVmbusExtension implements BeforeEachCallback, AfterEachCallback,
    ParameterResolver {
  /** The configuration parameter for the thread grace period, in milliseconds. */
  public static final String THREAD_GRACE_PARAMETER = "vmbkmcl.sim.threadGraceMillis";

  /** The system property that overrides every fault plan's seed, to repeat a failed run. */
  public static final String SEED_PROPERTY = "vmbkmcl.sim.seed";

  /** The report entry key under which a failed test's seed is published. */
  public static final String SEED_ENTRY = "vmbkmcl.sim.seed";

  private static final long DEFAULT_THREAD_GRACE_MILLIS = 30_000;
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SimVmbusExtension.class);
  private static final String RESOURCES = "resources";

  /** Made by JUnit from {@code @ExtendWith}. */
  public SimVmbusExtension() {}

  /**
   * Notes the engine threads that already run and fixes the seed of the test's fault plan.
   *
   * @param context the test's context
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    resources(context);
  }

  /**
   * Closes what the test got and fails it on a poisoned channel, a channel left enabled or a
   * thread left running; prints the seed of a failed test.
   *
   * @param context the test's context
   * @throws Exception an {@link AssertionError} listing every problem, or {@link
   *     InterruptedException}
   */
  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    SimTestResources resources =
        context.getStore(NAMESPACE).remove(RESOURCES, SimTestResources.class);
    if (resources == null) {
      return;
    }
    long grace = context.getConfigurationParameter(THREAD_GRACE_PARAMETER)
        .map(Long::parseLong).orElse(DEFAULT_THREAD_GRACE_MILLIS);
    List<String> problems = resources.close(grace);
    boolean failed = context.getExecutionException().isPresent() || !problems.isEmpty();
    String seedLine = "vmbkmcl-sim: fault seed " + hex(resources.seed()) + " (repeat with"
        + " @SimFaultPlan(seed = " + hex(resources.seed()) + "L) or -D" + SEED_PROPERTY + "="
        + hex(resources.seed()) + ")";
    if (failed && resources.seeded()) {
      System.err.println(context.getDisplayName() + ": " + seedLine);
      context.publishReportEntry(SEED_ENTRY, hex(resources.seed()));
    }
    if (!problems.isEmpty()) {
      throw new AssertionError("SimVmbusExtension: " + String.join("; ", problems)
          + (resources.seeded() ? "; " + seedLine : ""));
    }
  }

  /**
   * Whether the parameter is one of the types this extension gives.
   *
   * @param parameter the parameter
   * @param context the test's context
   * @return true for {@link SimVmbus}, {@link SimChannelPair}, {@link SimPairs} and {@link
   *     SimFaults} parameters of methods
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    if (parameter.getDeclaringExecutable() instanceof Constructor) {
      return false; // the class's context has no per-test bus
    }
    Class<?> type = parameter.getParameter().getType();
    return type == SimVmbus.class || type == SimChannelPair.class || type == SimPairs.class
        || type == SimFaults.class;
  }

  /**
   * The test's bus, a new pair on it, its pair factory, or its fault plan.
   *
   * @param parameter the parameter
   * @param context the test's context
   * @return the object for the parameter
   * @throws ParameterResolutionException when a pair does not open
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SimTestResources resources = resources(context);
    Class<?> type = parameter.getParameter().getType();
    if (type == SimVmbus.class) {
      return resources.bus();
    }
    if (type == SimFaults.class) {
      return resources.faults();
    }
    if (type == SimPairs.class) {
      return resources.pairs();
    }
    Optional<SimPairSettings> settings = parameter.findAnnotation(SimPairSettings.class);
    int pages = settings.map(SimPairSettings::ringPages).orElse(SimPairSettings.DEFAULT_RING_PAGES);
    String typeText =
        settings.map(SimPairSettings::interfaceType).orElse(SimPairSettings.DEFAULT_INTERFACE_TYPE);
    try {
      return resources.pairs().open(UUID.fromString(typeText), pages, c -> {}, c -> {});
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParameterResolutionException("interrupted while the pair opened", e);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new ParameterResolutionException("the SimChannelPair for " + parameter.getParameter()
          + " did not open: " + e.getMessage(), e);
    }
  }

  private static SimTestResources resources(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(RESOURCES,
        k -> new SimTestResources(seedFor(context), planFor(context)), SimTestResources.class);
  }

  private static @Nullable SimFaultPlan planFor(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.getAnnotation(SimFaultPlan.class))
        .or(() -> context.getTestClass().map(c -> c.getAnnotation(SimFaultPlan.class)))
        .orElse(null);
  }

  private static long seedFor(ExtensionContext context) {
    String forced = System.getProperty(SEED_PROPERTY);
    if (forced != null && !forced.isBlank()) {
      return Long.decode(forced.strip());
    }
    SimFaultPlan plan = planFor(context);
    if (plan != null && plan.seed() != SimFaultPlan.RANDOM_SEED) {
      return plan.seed();
    }
    return System.nanoTime() ^ Thread.currentThread().getId() * 0x9E37_79B9_7F4A_7C15L;
  }

  private static String hex(long seed) {
    return "0x" + Long.toHexString(seed);
  }
}
