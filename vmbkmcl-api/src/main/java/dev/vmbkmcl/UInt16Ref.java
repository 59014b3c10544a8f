package dev.vmbkmcl;

/**
 * {@code PUINT16}: an in/out unsigned 16-bit scalar, the Java form of a C pointer to one value.
 *
 * <p>The value is kept in a Java {@code int} holding 0..65535.
 */
public final class UInt16Ref {
  private int value;

  /** A zero value. */
  public UInt16Ref() {}

  /** A holder starting at {@code value}. */
  public UInt16Ref(int value) {
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
    return "PUINT16(" + value + ")";
  }
}
