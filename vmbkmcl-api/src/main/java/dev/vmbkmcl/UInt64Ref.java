package dev.vmbkmcl;

/**
 * {@code PUINT64}: an in/out unsigned 64-bit scalar, the Java form of a C pointer to one value.
 *
 * <p>The value is kept in a Java {@code long}; read it with {@link Long#toUnsignedString(long)} when it may exceed 2^63.
 */
public final class UInt64Ref {
  private long value;

  /** A zero value. */
  public UInt64Ref() {}

  /** A holder starting at {@code value}. */
  public UInt64Ref(long value) {
    this.value = value;
  }

  /** {@code *p}. */
  public long get() {
    return value;
  }

  /** {@code *p = newValue}. */
  public void set(long newValue) {
    this.value = newValue;
  }

  @Override
  public String toString() {
    return "PUINT64(" + Long.toUnsignedString(value) + ")";
  }
}
