package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * An out-parameter for a pointer or object: the Java form of C's {@code T *Out} where {@code T} is a
 * handle or pointer, for example {@code VMBCHANNEL *Channel}, {@code PMDL *Mdl}, {@code
 * PDEVICE_OBJECT *TargetDeviceObject} or {@code PVOID *SystemAddress}.
 *
 * <p>C {@code VmbChannelAllocate(Device, FALSE, &Channel)} becomes {@code Ref<VMBCHANNEL> Channel =
 * new Ref<>(); VmbChannelAllocate(Device, FALSE, Channel); Channel.get()}.
 *
 * @param <T> the pointed-to type
 */
public final class Ref<T> {
  private @Nullable T value;

  /** An empty reference (C: an uninitialised variable whose address is passed). */
  public Ref() {}

  /** A reference holding {@code value}. */
  public Ref(@Nullable T value) {
    this.value = value;
  }

  /** The value, or null when nothing was stored. */
  public @Nullable T get() {
    return value;
  }

  /** The value; throws {@link IllegalStateException} when nothing was stored. */
  public T require() {
    T v = value;
    if (v == null) {
      throw new IllegalStateException("Ref holds no value");
    }
    return v;
  }

  /** Stores {@code newValue} ({@code *Out = newValue}). */
  public void set(@Nullable T newValue) {
    this.value = newValue;
  }

  @Override
  public String toString() {
    return "Ref(" + value + ")";
  }
}
