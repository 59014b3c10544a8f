package dev.vmbkmcl.samples.dm;

/**
 * The 8-byte header every Dynamic Memory message starts with, {@code struct dm_header}
 * (vmbus-ring-and-uio.md §6.2). Offsets are relative to the VMBus payload; little-endian.
 *
 * <pre>
 *  0      2      4          8
 *  +------+------+----------+
 *  | type | size | trans_id |
 *  +------+------+----------+
 * </pre>
 */
public final class DmHeader {
  /** {@code type} (u16, see {@link DmMessageType}). */
  public static final int TYPE = 0;

  /** {@code size} (u16): whole message size in bytes, this header included. */
  public static final int SIZE = 2;

  /** {@code trans_id} (u32). */
  public static final int TRANS_ID = 4;

  /** Header length. */
  public static final int LENGTH = 8;

  /** Largest message {@code size} can describe. */
  public static final int MAX_MESSAGE_SIZE = 0xFFFF;

  private DmHeader() {}
}
