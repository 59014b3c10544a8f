package dev.vmbkmcl.channel;

/**
 * The pipe-mode prefix of every packet, {@code {u32 packet_type; u32 len}} (kmcl-api.md §4.6 "Pipe
 * mode"): data packets are type 1 and carry at most 16,384 bytes.
 */
final class PipeHeader {
  static final int SIZE = 8;
  static final int TYPE_DATA = 1;
  static final int MAX_PAYLOAD = 16_384;

  private PipeHeader() {}
}
