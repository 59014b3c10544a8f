package dev.vmbkmcl.samples.dm;

import org.jspecify.annotations.Nullable;

/**
 * Dynamic Memory message types with their wire code and the size of their fixed part
 * (vmbus-ring-and-uio.md §6.3, {@code enum dm_message_type}). Messages with page ranges or an info
 * blob add bytes after the fixed part.
 */
public enum DmMessageType {
  /** {@code DM_ERROR}: no defined layout. */
  ERROR(0, DmHeader.LENGTH),
  /** {@code DM_VERSION_REQUEST}, guest to host. */
  VERSION_REQUEST(1, 16),
  /** {@code DM_VERSION_RESPONSE}, host to guest. */
  VERSION_RESPONSE(2, 16),
  /** {@code DM_CAPABILITIES_REPORT}, guest to host. */
  CAPABILITIES_REPORT(3, 32),
  /** {@code DM_CAPABILITIES_RESPONSE}, host to guest. */
  CAPABILITIES_RESPONSE(4, 16),
  /** {@code DM_STATUS_REPORT}, guest to host. */
  STATUS_REPORT(5, 48),
  /** {@code DM_BALLOON_REQUEST}, host to guest. */
  BALLOON_REQUEST(6, 16),
  /** {@code DM_BALLOON_RESPONSE}, guest to host; 16 + 8 per range. */
  BALLOON_RESPONSE(7, 16),
  /** {@code DM_UNBALLOON_REQUEST}, host to guest; 16 + 8 per range. */
  UNBALLOON_REQUEST(8, 16),
  /** {@code DM_UNBALLOON_RESPONSE}, guest to host. */
  UNBALLOON_RESPONSE(9, 8),
  /** {@code DM_MEM_HOT_ADD_REQUEST}, host to guest; 16, or 24 with a region. */
  HOT_ADD_REQUEST(10, 16),
  /** {@code DM_MEM_HOT_ADD_RESPONSE}, guest to host. */
  HOT_ADD_RESPONSE(11, 16),
  /** {@code DM_INFO_MESSAGE} (protocol 1.0 and later), host to guest; 16 + blob. */
  INFO(12, 16),
  /** {@code DM_MEM_HOT_REMOVE_REQUEST} (protocol 2.0), host to guest. */
  HOT_REMOVE_REQUEST(13, 24),
  /** {@code DM_MEM_HOT_REMOVE_RESPONSE} (protocol 2.0), guest to host; 24 + 8 per range. */
  HOT_REMOVE_RESPONSE(14, 24);

  private final int code;
  private final int fixedSize;

  DmMessageType(int code, int fixedSize) {
    this.code = code;
    this.fixedSize = fixedSize;
  }

  /** The {@code type} field value. */
  public int code() {
    return code;
  }

  /** Size of the fixed part, header included: the least {@code size} a valid message has. */
  public int fixedSize() {
    return fixedSize;
  }

  /** The type with this wire code, or {@code null} if the code is unknown. */
  public static @Nullable DmMessageType fromCode(int code) {
    for (DmMessageType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
