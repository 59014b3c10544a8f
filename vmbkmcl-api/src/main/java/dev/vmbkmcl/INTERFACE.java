package dev.vmbkmcl;

import org.jspecify.annotations.Nullable;

/**
 * {@code INTERFACE} / {@code PINTERFACE} (wdm.h, kmcl-api.md §4.2): the header every KMCL interface
 * table begins with. C embeds it as an anonymous member, so its fields are read straight off the
 * table ({@code If.Size}, {@code If.InterfaceDereference}); Java gets the same by making every
 * table a subclass.
 *
 * <p>{@link dev.vmbkmcl.Vmbkmcl#KmclQueryInterface} fills the header. The facade holds no resource
 * per imported interface, so the reference and dereference members it installs do nothing; they are
 * never null, so the WDM rule "call {@code InterfaceDereference} when finished" ports as it is.
 */
@SuppressWarnings("MemberName") // the C field names
public class INTERFACE {
  /** {@code sizeof(INTERFACE)} on x64. */
  public static final int SIZEOF = 32;

  /** {@code USHORT Size}: the size of the whole table, set by the query. */
  public int Size;
  /** {@code USHORT Version}: the table's version, set by the query. */
  public int Version;
  /** {@code PVOID Context}: the device object the interface was queried from. */
  public @Nullable Object Context;
  /** {@code PINTERFACE_REFERENCE InterfaceReference}: nothing to count, see above. */
  public PINTERFACE_REFERENCE InterfaceReference = ignored -> {};
  /** {@code PINTERFACE_DEREFERENCE InterfaceDereference}: nothing to release, see above. */
  public PINTERFACE_DEREFERENCE InterfaceDereference = ignored -> {};

  /** A zero header (Size, Version and Context unset), as before the query. */
  public INTERFACE() {}

  /**
   * {@code sizeof} the most derived table type of this object, what C's {@code sizeof(*If)} would
   * give: {@link Vmbkmcl#KmclQueryInterface} fills a table only when this equals the {@code Size}
   * the caller claims and the size of the requested version, so a table object of the wrong type is
   * refused. Every KMCL table in {@code dev.vmbkmcl.interfaces} overrides it with its own {@code
   * SIZEOF}; a bare header is {@link #SIZEOF}.
   *
   * @return the table's size in bytes on x64
   */
  protected int sizeOfTable() {
    return SIZEOF;
  }
}
