package dev.vmbkmcl.samples.fcopy;

/**
 * What one file-copy session lets the host do, checked at START, before anything is created. The
 * name limits of the file system (its {@code NAME_MAX}, at most 255 bytes of UTF-8 per component)
 * and its free space apply as well and are read from the target directory itself.
 *
 * @param maxFiles files the session may create (completed ones; a refused or cancelled file does
 *     not count); a START beyond it answers E_FAIL
 * @param maxDirectories directories CREATE_PATH may create in the session; a START that would need
 *     more answers E_FAIL and creates none
 * @param maxPathBytes longest absolute path of a received file, in bytes of UTF-8 (the target's own
 *     path included), so every file stays reachable by path ({@code PATH_MAX} is 4,096 with the
 *     terminator)
 */
public record FcopyLimits(int maxFiles, int maxDirectories, int maxPathBytes) {
  /** 10,000 files, 1,000 directories, 4,095-byte paths. */
  public static final FcopyLimits DEFAULT = new FcopyLimits(10_000, 1_000, 4095);

  /**
   * Checks the values.
   *
   * @param maxFiles files the session may complete
   * @param maxDirectories directories CREATE_PATH may create in the session
   * @param maxPathBytes longest absolute path of a received file, in bytes of UTF-8
   * @throws IllegalArgumentException if a value is negative, or the path limit below 1
   */
  public FcopyLimits {
    if (maxFiles < 0 || maxDirectories < 0 || maxPathBytes < 1) {
      throw new IllegalArgumentException(
          "limits must not be negative: " + maxFiles + ", " + maxDirectories + ", " + maxPathBytes);
    }
  }
}
