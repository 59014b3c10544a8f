package dev.vmbkmcl.samples.dm;

/**
 * Field offsets after the header, shared by the encoders and the decoder (vmbus-ring-and-uio.md
 * §6.3). All offsets are from the start of the message.
 */
final class DmLayout {
  /** VERSION_REQUEST {@code version} (u32: minor u16, major u16). */
  static final int VERSION = 8;

  /** VERSION_REQUEST u32 whose bit 0 is {@code is_last_attempt}. */
  static final int VERSION_FLAGS = 12;

  /**
   * VERSION_RESPONSE and CAPABILITIES_RESPONSE u64 of flag bits; CAPABILITIES_REPORT {@code caps}.
   */
  static final int FLAGS64 = 8;

  /** CAPABILITIES_REPORT {@code min_page_cnt} (u64). */
  static final int MIN_PAGE_COUNT = 16;

  /** CAPABILITIES_REPORT {@code max_page_number} (u64). */
  static final int MAX_PAGE_NUMBER = 24;

  /** STATUS_REPORT {@code num_avail} (u64). */
  static final int NUM_AVAIL = 8;

  /** STATUS_REPORT {@code num_committed} (u64). */
  static final int NUM_COMMITTED = 16;

  /** STATUS_REPORT {@code page_file_size} (u64). */
  static final int PAGE_FILE_SIZE = 24;

  /** STATUS_REPORT {@code zero_free} (u64). */
  static final int ZERO_FREE = 32;

  /** STATUS_REPORT {@code page_file_writes} (u32). */
  static final int PAGE_FILE_WRITES = 40;

  /** STATUS_REPORT {@code io_diff} (u32). */
  static final int IO_DIFF = 44;

  /** BALLOON_REQUEST {@code num_pages} (u32). */
  static final int NUM_PAGES = 8;

  /** BALLOON_RESPONSE u32: bit 0 {@code more_pages}, bits 1–31 {@code range_count}. */
  static final int BALLOON_COUNT_AND_MORE = 12;

  /** UNBALLOON_REQUEST u32 whose bit 0 is {@code more_pages}. */
  static final int UNBALLOON_MORE = 8;

  /** UNBALLOON_REQUEST {@code range_count} (u32). */
  static final int UNBALLOON_COUNT = 12;

  /** Ranges of BALLOON_RESPONSE and UNBALLOON_REQUEST. */
  static final int RANGES = 16;

  /** HOT_ADD_REQUEST {@code range}. */
  static final int HOT_ADD_RANGE = 8;

  /** HOT_ADD_REQUEST optional {@code region}. */
  static final int HOT_ADD_REGION = 16;

  /** HOT_ADD_REQUEST size when the region is present. */
  static final int HOT_ADD_WITH_REGION_SIZE = 24;

  /** HOT_ADD_RESPONSE {@code page_count} (u32). */
  static final int HOT_ADD_PAGE_COUNT = 8;

  /** HOT_ADD_RESPONSE {@code result} (u32). */
  static final int HOT_ADD_RESULT = 12;

  /** INFO {@code info_size} (u32). */
  static final int INFO_SIZE = 12;

  /** INFO blob: {@code type u32, data_size u32, data}. */
  static final int INFO_BLOB = 16;

  /** Size of the blob's own header ({@code type}, {@code data_size}). */
  static final int INFO_BLOB_HEADER = 8;

  /** HOT_REMOVE_REQUEST {@code virtual_node} (u32). */
  static final int VIRTUAL_NODE = 8;

  /** HOT_REMOVE_REQUEST {@code page_count} (u32). */
  static final int HOT_REMOVE_PAGE_COUNT = 12;

  /** HOT_REMOVE_REQUEST {@code qos_flags} (u32). */
  static final int QOS_FLAGS = 16;

  /** HOT_REMOVE_RESPONSE {@code result} (u32). */
  static final int HOT_REMOVE_RESULT = 8;

  /** HOT_REMOVE_RESPONSE {@code range_count} (u32). */
  static final int HOT_REMOVE_COUNT = 12;

  /** HOT_REMOVE_RESPONSE u64 whose bit 0 is {@code more_pages}. */
  static final int HOT_REMOVE_MORE = 16;

  /** HOT_REMOVE_RESPONSE ranges. */
  static final int HOT_REMOVE_RANGES = 24;

  private DmLayout() {}
}
