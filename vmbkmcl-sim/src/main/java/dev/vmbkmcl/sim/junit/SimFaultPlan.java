package dev.vmbkmcl.sim.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The seeded fault plan ({@link dev.vmbkmcl.sim.SimFaults}) of the bus {@link SimVmbusExtension}
 * gives a test: on the test method, or on the class for all its tests (the method's wins). When
 * the test fails, the extension prints the seed; put it in {@link #seed} or pass {@code
 * -Dvmbkmcl.sim.seed=0x...} to repeat the run.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SimFaultPlan {
  /** The {@link #seed} that asks for a fresh random seed on each run. */
  long RANDOM_SEED = Long.MIN_VALUE;

  /**
   * The seed of the plan.
   *
   * @return the seed, or {@link #RANDOM_SEED} for a new one each run (the default)
   */
  long seed() default RANDOM_SEED;

  /**
   * The probability that a doorbell is dropped, as {@link dev.vmbkmcl.sim.SimFaults#dropDoorbells}.
   *
   * @return 0 (the default) to 1
   */
  double dropDoorbells() default 0;

  /**
   * The probability that a doorbell is late, as {@link dev.vmbkmcl.sim.SimFaults#delayDoorbells}.
   *
   * @return 0 (the default) to 1
   */
  double delayDoorbells() default 0;

  /**
   * The longest delay of a late doorbell.
   *
   * @return microseconds, 1 to 1,000,000 (default 100)
   */
  long maxDelayMicros() default 100;
}
