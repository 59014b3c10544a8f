package dev.vmbkmcl.samples.fcopy;

/**
 * Body layout of file-copy messages (vmbus-ring-and-uio.md §5.7, {@code struct hv_fcopy_hdr},
 * {@code hv_start_fcopy}, {@code hv_do_fcopy}). Offsets are relative to the IC body, which starts
 * 28 bytes into the VMBus payload; little-endian.
 *
 * <pre>
 * all:   operation u32 @0 | service_id0[16] @4 | service_id1[16] @20 | (end @36)
 * START: file_name u16[260] @36 | path_name u16[260] @556 | copy_flags u32 @1076
 *        | file_size u64 @1080 | (end @1088)
 * WRITE: pad u32 @36 | offset u64 @40 | size u32 @48 | data[6144] @52 | (end @6196)
 * </pre>
 */
public final class FcopyLayout {
  /** {@code operation} (u32). */
  public static final int OPERATION = 0;

  /** {@code service_id0} (16 bytes, unused). */
  public static final int SERVICE_ID0 = 4;

  /** {@code service_id1} (16 bytes, unused). */
  public static final int SERVICE_ID1 = 20;

  /** Size of {@code hv_fcopy_hdr}: all of COMPLETE and CANCEL. */
  public static final int HEADER_SIZE = 36;

  /** {@code START_FILE_COPY}. */
  public static final int OP_START = 0;

  /** {@code WRITE_TO_FILE}. */
  public static final int OP_WRITE = 1;

  /** {@code COMPLETE_FCOPY}. */
  public static final int OP_COMPLETE = 2;

  /** {@code CANCEL_FCOPY}. */
  public static final int OP_CANCEL = 3;

  /** START {@code file_name} (u16[260], UTF-16LE, NUL-terminated). */
  public static final int FILE_NAME = 36;

  /** START {@code path_name} (u16[260], UTF-16LE, NUL-terminated). */
  public static final int PATH_NAME = 556;

  /** {@code W_MAX_PATH}: UTF-16 units in each name field, terminator included. */
  public static final int NAME_UNITS = 260;

  /** START {@code copy_flags} (u32). */
  public static final int COPY_FLAGS = 1076;

  /** START {@code file_size} (u64). */
  public static final int FILE_SIZE = 1080;

  /** Size of a START body. */
  public static final int START_SIZE = 1088;

  /** {@code OVER_WRITE}: replace an existing file. */
  public static final int FLAG_OVER_WRITE = 0x1;

  /** {@code CREATE_PATH}: create missing directories of {@code path_name}. */
  public static final int FLAG_CREATE_PATH = 0x2;

  /** WRITE {@code offset} (u64) in the file. */
  public static final int WRITE_OFFSET = 40;

  /** WRITE {@code size} (u32) of the data. */
  public static final int WRITE_SIZE = 48;

  /** WRITE {@code data}. */
  public static final int WRITE_DATA = 52;

  /** {@code DATA_FRAGMENT}: most data bytes one WRITE carries. */
  public static final int MAX_DATA = 6144;

  /** Size of a full WRITE body. */
  public static final int WRITE_MAX_SIZE = WRITE_DATA + MAX_DATA;

  private FcopyLayout() {}
}
