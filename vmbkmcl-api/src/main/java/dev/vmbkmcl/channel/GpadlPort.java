package dev.vmbkmcl.channel;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.UInt64Ref;
import java.nio.ByteBuffer;

/**
 * The guest-memory part of a {@link Transport}: GPADLs, bounce buffers and MMIO space (kmcl-api.md
 * §1.6, §2.H). The engine forwards the KMCL function named on each method, with its arguments in
 * the C order and already checked by the facade. Every default refuses with {@code
 * STATUS_NOT_SUPPORTED} (or does nothing where the C function returns nothing), which is what a
 * transport without guest memory answers.
 */
public interface GpadlPort {
  /** A transport without guest memory: every call refuses or does nothing. */
  GpadlPort NONE = new GpadlPort() { };

  /** {@code VmbChannelCreateGpadlFromBuffer}: share {@code byteCount} bytes from the position. */
  default NtStatus createFromBuffer(EngineChannel channel, int flags, ByteBuffer buffer,
      int byteCount, UInt32Ref handle) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /** {@code VmbChannelCreateGpadlFromMdl}: share a range of an MDL chain (length 0: the rest). */
  default NtStatus createFromMdl(EngineChannel channel, int flags, Mdl mdl, int start, int length,
      UInt32Ref handle) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /** {@code VmbChannelCreateGpadlFromPfnList}: share {@code count} whole guest pages. */
  default NtStatus createFromPfns(EngineChannel channel, int flags, long[] pfns, int count,
      UInt32Ref handle) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /** {@code VmbChannelCreateGpadl}: allocate {@code pageCount} pages and share them. */
  default NtStatus create(EngineChannel channel, int flags, int pageCount, UInt32Ref handle) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /** {@code VmbChannelGetSystemAddressForGpadl}: the memory behind a GPADL. */
  default NtStatus systemAddress(EngineChannel channel, int flags, int handle,
      Ref<ByteBuffer> address) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /** {@code VmbChannelDeleteGpadl}: no GPADL exists on a transport that cannot create one. */
  default void delete(EngineChannel channel, int handle) {}

  /** {@code VmbChannelMapGpadl}: the peer's GPADL as an MDL. */
  default NtStatus map(EngineChannel channel, int flags, int handle, Ref<Mdl> mdl) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /** {@code VmbChannelUnmapGpadl}: nothing is mapped on a transport that cannot map. */
  default void unmap(EngineChannel channel, int handle) {}

  /** {@code VmbChannelAllocateBounceBuffer}: reserve {@code size} bytes of bounce buffer. */
  default NtStatus allocateBounceBuffer(EngineChannel channel, int size) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /** {@code VmbChannelGetMmioSpace}: the channel's MMIO range; 0 and 0 when it has none. */
  default void mmioSpace(EngineChannel channel, UInt64Ref address, UInt64Ref size) {
    address.set(0);
    size.set(0);
  }
}
