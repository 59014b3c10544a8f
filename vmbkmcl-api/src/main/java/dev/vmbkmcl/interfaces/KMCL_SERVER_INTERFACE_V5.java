package dev.vmbkmcl.interfaces;

import dev.vmbkmcl.Vmbkmcl;

/**
 * {@code KMCL_SERVER_INTERFACE_V5} / {@code PKMCL_SERVER_INTERFACE_V5} (kmcl-api.md §4.2): {@code
 * KMCL_CLIENT_INTERFACE_V5} followed by {@code KMCL_SERVER_ONLY_METHODS_V5} (488 + 120 = 608 bytes
 * on x64). Server versions 2 to 4 never shipped.
 *
 * <p>Decision (kmcl-api.md §5 item 3): this is the C layout. The header's C++ definition inherits
 * {@code KMCL_SERVER_ONLY_METHODS} without the V5 addition, which would drop {@code
 * VmbServerChannelInitSetSaveRestorePacketCallbacksEx} and make the table 600 bytes; the C layout
 * keeps every V5 server function reachable through the table.
 */
public class KMCL_SERVER_INTERFACE_V5 extends KMCL_CLIENT_INTERFACE_V5
    implements KMCL_SERVER_ONLY_METHODS_V5 {
  /** {@code sizeof(KMCL_SERVER_INTERFACE_V5)} on x64 (C layout). */
  public static final int SIZEOF = 608;

  /** This table's {@code sizeof}, {@link #SIZEOF}, which the query compares with {@code Size}. */
  @Override
  protected int sizeOfTable() {
    return SIZEOF;
  }

  /** An empty table; {@link Vmbkmcl#KmclQueryInterface} fills its header. */
  public KMCL_SERVER_INTERFACE_V5() {}
}
