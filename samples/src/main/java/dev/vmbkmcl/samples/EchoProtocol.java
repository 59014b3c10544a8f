package dev.vmbkmcl.samples;

import java.util.UUID;

/**
 * The echo sample's own request format, not a Hyper-V protocol: a 16-byte header, then the
 * payload. Little-endian.
 *
 * <pre>
 *  0      4      8      12        16
 *  +------+------+------+---------+---------
 *  | op   | a    | b    | reserved| payload (OP_ECHO only)
 *  +------+------+------+---------+---------
 * </pre>
 *
 * <ul>
 *   <li>{@link #OP_ECHO}: {@code a} = sequence number, {@code b} = payload length; the completion
 *       is the request, byte for byte ({@code 16 + b} bytes: the VMBus padding is not echoed).
 *   <li>{@link #OP_CHECKSUM}: {@code a} = GPADL handle, {@code b} = bytes to read through it; the
 *       completion is {@link #ANSWER_SIZE} bytes: {@code result u32}@0 ({@link #RESULT_OK} or
 *       {@link #RESULT_FAILED}), reserved u32@4, {@code crc32 u64}@8.
 * </ul>
 */
final class EchoProtocol {
  /** The echo device's class, made up for this sample; no Hyper-V host offers it. */
  static final UUID ECHO_CLASS = UUID.fromString("9de5043c-d46c-4f84-9b39-7e32052c4009");

  /** The echo device's instance on the simulated host. */
  static final UUID INSTANCE = UUID.fromString("2d385047-46df-4d1d-bac5-1c28973bd7b9");

  static final int OP = 0;
  static final int A = 4;
  static final int B = 8;
  static final int HEADER = 16;

  static final int OP_ECHO = 1;
  static final int OP_CHECKSUM = 2;

  static final int RESULT = 0;
  static final int CRC = 8;
  static final int ANSWER_SIZE = 16;
  static final int RESULT_OK = 0;
  static final int RESULT_FAILED = 1;

  private EchoProtocol() {}
}
