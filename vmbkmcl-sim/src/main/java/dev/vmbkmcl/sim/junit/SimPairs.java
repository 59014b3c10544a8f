package dev.vmbkmcl.sim.junit;

import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.sim.SimChannelPair;
import dev.vmbkmcl.sim.SimVmbus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Opens connected client/server pairs on the test's bus, as {@link SimChannelPair#open} does, and
 * remembers them so that {@link SimVmbusExtension} closes them after the test: a parameter of this
 * type is for pairs whose ends need callbacks. Do not close a pair from here yourself.
 */
public final class SimPairs {
  private final SimVmbus bus;
  private final List<SimChannelPair> opened = new ArrayList<>();
  private int nextType;

  SimPairs(SimVmbus bus) {
    this.bus = bus;
  }

  /**
   * Opens a pair whose ends {@code configureServer} and {@code configureClient} set up with {@code
   * VmbChannelInitSet*} calls before they are enabled. Each pair gets its own interface type.
   *
   * @param ringPages pages per ring, control page included
   * @param configureServer runs on the Disabled server channel
   * @param configureClient runs on the Disabled client channel
   * @return both ends, open and started
   * @throws InterruptedException when interrupted while the pair opens
   * @throws IllegalStateException when a KMCL call fails or the pair does not open within a minute
   */
  public SimChannelPair open(int ringPages, Consumer<VMBCHANNEL> configureServer,
      Consumer<VMBCHANNEL> configureClient) throws InterruptedException {
    return open(nextInterfaceType(), ringPages, configureServer, configureClient);
  }

  /**
   * Opens a pair with no callbacks of its own.
   *
   * @param ringPages pages per ring, control page included
   * @return both ends, open and started
   * @throws InterruptedException when interrupted while the pair opens
   */
  public SimChannelPair open(int ringPages) throws InterruptedException {
    return open(ringPages, c -> {}, c -> {});
  }

  SimChannelPair open(UUID interfaceType, int ringPages, Consumer<VMBCHANNEL> configureServer,
      Consumer<VMBCHANNEL> configureClient) throws InterruptedException {
    SimChannelPair pair =
        SimChannelPair.open(bus, interfaceType, ringPages, configureServer, configureClient);
    synchronized (opened) {
      opened.add(pair);
    }
    return pair;
  }

  /**
   * The bus the pairs are on.
   *
   * @return the test's bus
   */
  public SimVmbus bus() {
    return bus;
  }

  /** The pairs opened so far, oldest first. */
  List<SimChannelPair> opened() {
    synchronized (opened) {
      return List.copyOf(opened);
    }
  }

  private UUID nextInterfaceType() {
    synchronized (opened) {
      // Distinct from the annotated pairs' default type, and from each other.
      return new UUID(0x51a7_e5f0_0000_4000L, 0x8000_0000_0000_0000L | ++nextType);
    }
  }
}
