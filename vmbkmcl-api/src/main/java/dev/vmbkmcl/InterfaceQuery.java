package dev.vmbkmcl;

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
    if (size != expected || table.sizeOfTable() != expected) {
      return NtStatus.STATUS_INVALID_PARAMETER;
    }
    table.Size = size;
    table.Version = version;
    table.Context = device;
    table.InterfaceReference.call(table.Context);
    return NtStatus.STATUS_SUCCESS;
  }

  // The x64 sizes of the tables in dev.vmbkmcl.interfaces, written here as numbers so that the
  // facade names no table (the tables call the facade: naming them here would be a package cycle).
  // InterfaceTablesTest pins each one to the table's SIZEOF.

  /** {@code sizeof(KMCL_CLIENT_INTERFACE_Vn)} of {@code version}, or 0 when no such version exists. */
  static int clientSize(int version) {
    return switch (version) {
      case KmclConstants.KMCL_CLIENT_INTERFACE_VERSION_V1 -> 360;
      case KmclConstants.KMCL_CLIENT_INTERFACE_VERSION_V2 -> 384;
      case KmclConstants.KMCL_CLIENT_INTERFACE_VERSION_V3 -> 400;
      case KmclConstants.KMCL_CLIENT_INTERFACE_VERSION_V4 -> 416;
      case KmclConstants.KMCL_CLIENT_INTERFACE_VERSION_V5 -> 488;
      default -> 0;
    };
  }

  /** {@code sizeof(KMCL_SERVER_INTERFACE_Vn)}; 0 for 2 to 4, which never shipped. */
  static int serverSize(int version) {
    return switch (version) {
      case KmclConstants.KMCL_SERVER_INTERFACE_VERSION_V1 -> 472;
      case KmclConstants.KMCL_SERVER_INTERFACE_VERSION_V5 -> 608;
      default -> 0;
    };
  }
}
