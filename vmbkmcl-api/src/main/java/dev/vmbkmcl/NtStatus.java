package dev.vmbkmcl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code NTSTATUS}: the 32-bit status code every KMCL function returns.
 *
 * <p>Immutable. The known codes are constants with their real numeric values (kmcl-api.md §4.5), so
 * {@code ==} works for them and {@link #valueOf(int)} allocates nothing for a known code. {@link
 * #NT_SUCCESS(NtStatus)} mirrors the C macro {@code NT_SUCCESS(s) ((LONG)(s) >= 0)}: success and
 * informational codes pass, warnings ({@code 0x8…}) and errors ({@code 0xC…}) fail. Beware the
 * documented traps: {@link #STATUS_PENDING} passes although it means "not yet", while {@link
 * #STATUS_BUFFER_OVERFLOW} and {@link #STATUS_MORE_PROCESSING_REQUIRED} fail although they mean
 * progress in the save/restore loops.
 */
public final class NtStatus {
  // Filled by the constants below as they are created, then turned into the sorted lookup arrays.
  private static final List<NtStatus> KNOWN = new ArrayList<>();

  /** {@code STATUS_SUCCESS} (0x00000000). */
  public static final NtStatus STATUS_SUCCESS = known(0x00000000, "STATUS_SUCCESS");
  /** {@code STATUS_TIMEOUT} (0x00000102): a wait result; KMCL never documents it as a return code. */
  public static final NtStatus STATUS_TIMEOUT = known(0x00000102, "STATUS_TIMEOUT");
  /** {@code STATUS_PENDING} (0x00000103): the operation completes later (NT_SUCCESS is true). */
  public static final NtStatus STATUS_PENDING = known(0x00000103, "STATUS_PENDING");
  /** {@code STATUS_BUFFER_OVERFLOW} (0x80000005, a warning): ring full, or partial save progress. */
  public static final NtStatus STATUS_BUFFER_OVERFLOW = known(0x80000005, "STATUS_BUFFER_OVERFLOW");
  /** {@code STATUS_UNSUCCESSFUL} (0xC0000001). */
  public static final NtStatus STATUS_UNSUCCESSFUL = known(0xC0000001, "STATUS_UNSUCCESSFUL");
  /** {@code STATUS_INVALID_PARAMETER} (0xC000000D). */
  public static final NtStatus STATUS_INVALID_PARAMETER =
      known(0xC000000D, "STATUS_INVALID_PARAMETER");
  /** {@code STATUS_MORE_PROCESSING_REQUIRED} (0xC0000016): a restore chunk was taken, more follow. */
  public static final NtStatus STATUS_MORE_PROCESSING_REQUIRED =
      known(0xC0000016, "STATUS_MORE_PROCESSING_REQUIRED");
  /** {@code STATUS_NO_MEMORY} (0xC0000017). */
  public static final NtStatus STATUS_NO_MEMORY = known(0xC0000017, "STATUS_NO_MEMORY");
  /** {@code STATUS_ACCESS_DENIED} (0xC0000022). */
  public static final NtStatus STATUS_ACCESS_DENIED = known(0xC0000022, "STATUS_ACCESS_DENIED");
  /** {@code STATUS_BUFFER_TOO_SMALL} (0xC0000023): nothing was written; a size says what is needed. */
  public static final NtStatus STATUS_BUFFER_TOO_SMALL =
      known(0xC0000023, "STATUS_BUFFER_TOO_SMALL");
  /** {@code STATUS_INSUFFICIENT_RESOURCES} (0xC000009A). */
  public static final NtStatus STATUS_INSUFFICIENT_RESOURCES =
      known(0xC000009A, "STATUS_INSUFFICIENT_RESOURCES");
  /** {@code STATUS_DEVICE_NOT_READY} (0xC00000A3): the channel is not open yet. */
  public static final NtStatus STATUS_DEVICE_NOT_READY =
      known(0xC00000A3, "STATUS_DEVICE_NOT_READY");
  /** {@code STATUS_IO_TIMEOUT} (0xC00000B5). */
  public static final NtStatus STATUS_IO_TIMEOUT = known(0xC00000B5, "STATUS_IO_TIMEOUT");
  /** {@code STATUS_NOT_SUPPORTED} (0xC00000BB): this backend cannot do it (see the README matrix). */
  public static final NtStatus STATUS_NOT_SUPPORTED = known(0xC00000BB, "STATUS_NOT_SUPPORTED");
  /** {@code STATUS_INVALID_PARAMETER_1} (0xC00000EF). */
  public static final NtStatus STATUS_INVALID_PARAMETER_1 =
      known(0xC00000EF, "STATUS_INVALID_PARAMETER_1");
  /** {@code STATUS_INVALID_PARAMETER_2} (0xC00000F0). */
  public static final NtStatus STATUS_INVALID_PARAMETER_2 =
      known(0xC00000F0, "STATUS_INVALID_PARAMETER_2");
  /** {@code STATUS_INVALID_PARAMETER_3} (0xC00000F1). */
  public static final NtStatus STATUS_INVALID_PARAMETER_3 =
      known(0xC00000F1, "STATUS_INVALID_PARAMETER_3");
  /** {@code STATUS_INVALID_PARAMETER_4} (0xC00000F2). */
  public static final NtStatus STATUS_INVALID_PARAMETER_4 =
      known(0xC00000F2, "STATUS_INVALID_PARAMETER_4");
  /** {@code STATUS_INVALID_PARAMETER_5} (0xC00000F3). */
  public static final NtStatus STATUS_INVALID_PARAMETER_5 =
      known(0xC00000F3, "STATUS_INVALID_PARAMETER_5");
  /** {@code STATUS_INVALID_PARAMETER_6} (0xC00000F4). */
  public static final NtStatus STATUS_INVALID_PARAMETER_6 =
      known(0xC00000F4, "STATUS_INVALID_PARAMETER_6");
  /** {@code STATUS_INVALID_PARAMETER_7} (0xC00000F5). */
  public static final NtStatus STATUS_INVALID_PARAMETER_7 =
      known(0xC00000F5, "STATUS_INVALID_PARAMETER_7");
  /** {@code STATUS_INVALID_PARAMETER_8} (0xC00000F6). */
  public static final NtStatus STATUS_INVALID_PARAMETER_8 =
      known(0xC00000F6, "STATUS_INVALID_PARAMETER_8");
  /** {@code STATUS_CANCELLED} (0xC0000120): the request was cancelled, including by its timeout. */
  public static final NtStatus STATUS_CANCELLED = known(0xC0000120, "STATUS_CANCELLED");
  /** {@code STATUS_INVALID_DEVICE_STATE} (0xC0000184): the channel is in the wrong state for this. */
  public static final NtStatus STATUS_INVALID_DEVICE_STATE =
      known(0xC0000184, "STATUS_INVALID_DEVICE_STATE");
  /** {@code STATUS_NOT_FOUND} (0xC0000225). */
  public static final NtStatus STATUS_NOT_FOUND = known(0xC0000225, "STATUS_NOT_FOUND");
  /** {@code STATUS_CONNECTION_REFUSED} (0xC0000236). */
  public static final NtStatus STATUS_CONNECTION_REFUSED =
      known(0xC0000236, "STATUS_CONNECTION_REFUSED");
  /** {@code STATUS_DEVICE_REMOVED} (0xC00002B6): the channel is shutting down or was rescinded. */
  public static final NtStatus STATUS_DEVICE_REMOVED = known(0xC00002B6, "STATUS_DEVICE_REMOVED");
  /**
   * {@code STATUS_DATA_ERROR} (0xC000003E): the peer wrote something that breaks the ring format; the
   * channel is poisoned (see the README's "Corrupt ring" decision).
   */
  public static final NtStatus STATUS_DATA_ERROR = known(0xC000003E, "STATUS_DATA_ERROR");

  // Sorted codes and their constants: a binary search finds a known code without boxing it.
  private static final int[] KNOWN_CODES;
  private static final NtStatus[] KNOWN_STATUSES;

  static {
    NtStatus[] sorted = KNOWN.toArray(new NtStatus[0]);
    Arrays.sort(sorted, (a, b) -> Integer.compare(a.value, b.value));
    KNOWN_STATUSES = sorted;
    KNOWN_CODES = new int[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      KNOWN_CODES[i] = sorted[i].value;
    }
  }

  private final int value;
  private final @Nullable String name;

  private NtStatus(int value, @Nullable String name) {
    this.value = value;
    this.name = name;
  }

  private static NtStatus known(int value, String name) {
    NtStatus status = new NtStatus(value, name);
    KNOWN.add(status);
    return status;
  }

  /**
   * Returns the status for a raw {@code NTSTATUS} value: the shared constant for a known code,
   * found without allocating; a new unnamed instance otherwise.
   */
  public static NtStatus valueOf(int value) {
    int i = Arrays.binarySearch(KNOWN_CODES, value);
    return i >= 0 ? KNOWN_STATUSES[i] : new NtStatus(value, null);
  }

  /** {@code NT_SUCCESS(Status)}: true for success and informational codes ({@code (LONG)s >= 0}). */
  @SuppressWarnings("MethodName") // the C macro's name, so ported code reads like C
  public static boolean NT_SUCCESS(NtStatus status) {
    return status.value >= 0;
  }

  /** The raw 32-bit {@code NTSTATUS} value. */
  public int value() {
    return value;
  }

  /** True for a success or informational code (the same test as {@link #NT_SUCCESS}). */
  public boolean isSuccess() {
    return value >= 0;
  }

  /** The symbolic name, or null for a code this SDK has no name for. */
  public @Nullable String name() {
    return name;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof NtStatus && ((NtStatus) other).value == value;
  }

  @Override
  public int hashCode() {
    return value;
  }

  /** For example {@code "STATUS_CANCELLED (0xC0000120)"}. */
  @Override
  public String toString() {
    String hex = String.format("0x%08X", value);
    return name != null ? name + " (" + hex + ")" : "NTSTATUS " + hex;
  }
}
