package dev.vmbkmcl.interfaces;

import dev.vmbkmcl.Vmbkmcl;

/**
 * {@code KMCL_SERVER_INTERFACE_V1} / {@code PKMCL_SERVER_INTERFACE_V1} (kmcl-api.md §4.2): {@code
 * KMCL_CLIENT_INTERFACE_V1} followed by {@code KMCL_SERVER_ONLY_METHODS} (360 + 112 = 472 bytes on
 * x64), what a server driver queries with {@code KMCL_SERVER_INTERFACE_TYPE} and {@code
 * KMCL_SERVER_INTERFACE_VERSION_V1}. The "client" half holds the functions both endpoints use.
 */
public class KMCL_SERVER_INTERFACE_V1 extends KMCL_CLIENT_INTERFACE_V1
    implements KMCL_SERVER_ONLY_METHODS {
  /** {@code sizeof(KMCL_SERVER_INTERFACE_V1)} on x64. */
  public static final int SIZEOF = 472;

  /** This table's {@code sizeof}, {@link #SIZEOF}, which the query compares with {@code Size}. */
  @Override
  protected int sizeOfTable() {
    return SIZEOF;
  }

  /** An empty table; {@link Vmbkmcl#KmclQueryInterface} fills its header. */
  public KMCL_SERVER_INTERFACE_V1() {}
}
