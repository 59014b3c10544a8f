package dev.vmbkmcl.samples.dm;

import org.jspecify.annotations.Nullable;

/**
 * Dynamic Memory protocol versions, {@code u32 = major << 16 | minor} (vmbus-ring-and-uio.md §6.1),
 * declared in the guest's fallback order (§6.4 step 2): try 2.0, then 1.0, finally 0.3 marked as
 * the last attempt.
 */
public enum DmVersion {
  /** {@code DYNMEM_PROTOCOL_VERSION_WIN10}, 2.0. */
  V2_0(0x0002_0000),
  /** {@code DYNMEM_PROTOCOL_VERSION_WIN8}, 1.0. */
  V1_0(0x0001_0000),
  /** {@code DYNMEM_PROTOCOL_VERSION_WIN7}, 0.3. */
  V0_3(0x0000_0003);

  private final int code;

  DmVersion(int code) {
    this.code = code;
  }

  /** The version the guest proposes first. */
  public static DmVersion first() {
    return V2_0;
  }

  /** The packed wire value. */
  public int code() {
    return code;
  }

  /** Major number (upper 16 bits). */
  public int major() {
    return code >>> 16;
  }

  /** Minor number (lower 16 bits). */
  public int minor() {
    return code & 0xFFFF;
  }

  /** The version to propose after this one was refused, or {@code null} after the last attempt. */
  public @Nullable DmVersion fallback() {
    return switch (this) {
      case V2_0 -> V1_0;
      case V1_0 -> V0_3;
      case V0_3 -> null;
    };
  }

  /** True for the version whose request carries {@code is_last_attempt = 1}. */
  public boolean isLastAttempt() {
    return fallback() == null;
  }

  /** The version with this packed value, or {@code null} if none of ours. */
  public static @Nullable DmVersion fromCode(int code) {
    for (DmVersion v : values()) {
      if (v.code == code) {
        return v;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return major() + "." + minor();
  }
}
