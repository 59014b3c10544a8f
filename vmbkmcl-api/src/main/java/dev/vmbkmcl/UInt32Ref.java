package dev.vmbkmcl;

/**
 * {@code PUINT32}: an in/out unsigned 32-bit scalar (also used for {@code PULONG}, 32 bits on Windows), the Java form of a C pointer to one value.
 *
 * <p>The value is kept in a Java {@code int}; read it with {@link Integer#toUnsignedLong(int)} when it may exceed 2^31.
 */
public final class UInt32Ref {
  private int value;

  /** A zero value. */
  public UInt32Ref() {}

  /** A holder starting at {@code value}. */
  public UInt32Ref(int value) {
    this.value = value;
  }

  /** {@code *p}. */
  public int get() {
    return value;
  }

  /** {@code *p = newValue}. */
  public void set(int newValue) {
    this.value = newValue;
  }

  @Override
  public String toString() {
    return "PUINT32(" + Integer.toUnsignedString(value) + ")";
  }
}
