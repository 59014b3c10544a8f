package dev.vmbkmcl.benchmarks;

/** When the two ends of a ring signal each other. */
enum SignalPolicy {
  /**
   * The ring rules (reference §3.3, §3.6, §3.7) as {@code RingWriter.publish} and {@code
   * RingReader.commit} decide them: the writer only on empty to non-empty while the reader is
   * unmasked, the reader only when the free space crosses the writer's {@code pending_send_sz}.
   */
  RING_RULES,
  /** The naive pair: the writer signals after every packet, the reader after every commit. */
  EVERY_PACKET;

  /** {@code ring-rules} or {@code every-packet}, as the benchmark parameter spells it. */
  static SignalPolicy parse(String name) {
    return switch (name) {
      case "ring-rules" -> RING_RULES;
      case "every-packet" -> EVERY_PACKET;
      default -> throw new IllegalArgumentException("policy must be ring-rules or every-packet, not "
          + name);
    };
  }
}
