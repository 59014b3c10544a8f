package dev.vmbkmcl.sim.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How {@link SimVmbusExtension} makes the {@link dev.vmbkmcl.sim.SimChannelPair} parameter it
 * annotates. Without it a pair has {@link #DEFAULT_RING_PAGES} pages per ring and the interface
 * type {@link #DEFAULT_INTERFACE_TYPE}. A pair whose ends need callbacks comes from {@link
 * SimPairs#open(int, java.util.function.Consumer, java.util.function.Consumer)} instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface SimPairSettings {
  /** The ring size of a pair without settings: 4 pages, control page included. */
  int DEFAULT_RING_PAGES = 4;

  /** The interface type a pair without settings offers and targets. */
  String DEFAULT_INTERFACE_TYPE = "5eb0a3f6-1c8e-4b5e-9d0c-7a3f1e2d4c5b";

  /**
   * The pages of each ring ({@code VmbClientChannelInitSetRingBufferPageCount}).
   *
   * @return pages per direction, control page included (default 4)
   */
  int ringPages() default DEFAULT_RING_PAGES;

  /**
   * The interface type the server offers and the client targets; two pairs of one test need
   * different types.
   *
   * @return a GUID in its usual text form
   */
  String interfaceType() default DEFAULT_INTERFACE_TYPE;
}
