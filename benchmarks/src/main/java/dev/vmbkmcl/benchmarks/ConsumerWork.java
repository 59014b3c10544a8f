package dev.vmbkmcl.benchmarks;

/**
 * What the consumer of a stream does with each payload, the same for the SDK and its peers in one
 * row (issue 12 item 6): either every end copies the packet out of the ring and reads the copy, or
 * every end reads it in place.
 */
enum ConsumerWork {
  /**
   * The packet is copied out of the ring, then its first byte is read. The SDK always works so:
   * its engine copies each payload once out of shared memory, because a driver must never see
   * memory the host can change under it.
   */
  COPY("copy", CPeer.CONSUME_COPY),
  /**
   * The payload's first bytes are read where they lie in the ring (Agrona's handler view, C after
   * validating the descriptor). The SDK has no such mode; its column reads "n/a".
   */
  IN_PLACE("in-place", CPeer.CONSUME_IN_PLACE);

  /** The JMH parameter value. */
  final String label;
  /** The C peer's {@code consume} argument. */
  final int c;

  ConsumerWork(String label, int c) {
    this.label = label;
    this.c = c;
  }

  /** {@code copy} or {@code in-place}. */
  static ConsumerWork parse(String name) {
    for (ConsumerWork w : values()) {
      if (w.label.equals(name)) {
        return w;
      }
    }
    throw new IllegalArgumentException("consumer must be copy or in-place, not " + name);
  }
}
