package dev.vmbkmcl;

import dev.vmbkmcl.interfaces.INTERFACE;
import dev.vmbkmcl.interfaces.KMCL_CLIENT_INTERFACE_V1;
import dev.vmbkmcl.interfaces.KMCL_CLIENT_INTERFACE_V2;
import dev.vmbkmcl.interfaces.KMCL_CLIENT_INTERFACE_V3;
import dev.vmbkmcl.interfaces.KMCL_CLIENT_INTERFACE_V4;
import dev.vmbkmcl.interfaces.KMCL_CLIENT_INTERFACE_V5;
import dev.vmbkmcl.interfaces.KMCL_SERVER_INTERFACE_V1;
import dev.vmbkmcl.interfaces.KMCL_SERVER_INTERFACE_V5;
import java.util.UUID;

/**
 * {@link Vmbkmcl#KmclQueryInterface}: matches the requested type, size and version against the
 * table object the caller supplied, then fills its {@code INTERFACE} header.
 */
final class InterfaceQuery {
  private InterfaceQuery() {}

  static NtStatus query(DeviceObject device, UUID interfaceType, INTERFACE table, int size,
      int version) {
    int expected;
    if (KmclConstants.KMCL_CLIENT_INTERFACE_TYPE.equals(interfaceType)) {
      expected = clientSize(version);
    } else if (KmclConstants.KMCL_SERVER_INTERFACE_TYPE.equals(interfaceType)) {
      expected = serverSize(version);
    } else {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    if (expected == 0) {
      return NtStatus.STATUS_NOT_SUPPORTED;
    }
    // Every table type has its own size, so one comparison checks both the caller's claim and the
    // kind of object it handed in.
    if (size != expected || sizeOf(table) != expected) {
      return NtStatus.STATUS_INVALID_PARAMETER;
    }
    table.Size = size;
    table.Version = version;
    table.Context = device;
    table.InterfaceReference.call(table.Context);
    return NtStatus.STATUS_SUCCESS;
  }

  /** {@code sizeof} the client table of {@code version}, or 0 when no such version exists. */
  private static int clientSize(int version) {
    return switch (version) {
      case KmclConstants.KMCL_CLIENT_INTERFACE_VERSION_V1 -> KMCL_CLIENT_INTERFACE_V1.SIZEOF;
      case KmclConstants.KMCL_CLIENT_INTERFACE_VERSION_V2 -> KMCL_CLIENT_INTERFACE_V2.SIZEOF;
      case KmclConstants.KMCL_CLIENT_INTERFACE_VERSION_V3 -> KMCL_CLIENT_INTERFACE_V3.SIZEOF;
      case KmclConstants.KMCL_CLIENT_INTERFACE_VERSION_V4 -> KMCL_CLIENT_INTERFACE_V4.SIZEOF;
      case KmclConstants.KMCL_CLIENT_INTERFACE_VERSION_V5 -> KMCL_CLIENT_INTERFACE_V5.SIZEOF;
      default -> 0;
    };
  }

  /** {@code sizeof} the server table of {@code version}; 0 for 2 to 4, which never shipped. */
  private static int serverSize(int version) {
    return switch (version) {
      case KmclConstants.KMCL_SERVER_INTERFACE_VERSION_V1 -> KMCL_SERVER_INTERFACE_V1.SIZEOF;
      case KmclConstants.KMCL_SERVER_INTERFACE_VERSION_V5 -> KMCL_SERVER_INTERFACE_V5.SIZEOF;
      default -> 0;
    };
  }

  /** {@code sizeof} the most derived table type of {@code table}. */
  static int sizeOf(INTERFACE table) {
    // Server tables first: they extend client tables.
    if (table instanceof KMCL_SERVER_INTERFACE_V5) {
      return KMCL_SERVER_INTERFACE_V5.SIZEOF;
    }
    if (table instanceof KMCL_SERVER_INTERFACE_V1) {
      return KMCL_SERVER_INTERFACE_V1.SIZEOF;
    }
    if (table instanceof KMCL_CLIENT_INTERFACE_V5) {
      return KMCL_CLIENT_INTERFACE_V5.SIZEOF;
    }
    if (table instanceof KMCL_CLIENT_INTERFACE_V4) {
      return KMCL_CLIENT_INTERFACE_V4.SIZEOF;
    }
    if (table instanceof KMCL_CLIENT_INTERFACE_V3) {
      return KMCL_CLIENT_INTERFACE_V3.SIZEOF;
    }
    if (table instanceof KMCL_CLIENT_INTERFACE_V2) {
      return KMCL_CLIENT_INTERFACE_V2.SIZEOF;
    }
    if (table instanceof KMCL_CLIENT_INTERFACE_V1) {
      return KMCL_CLIENT_INTERFACE_V1.SIZEOF;
    }
    return INTERFACE.SIZEOF;
  }
}
