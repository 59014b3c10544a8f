package dev.vmbkmcl.channel;

import dev.vmbkmcl.Mdl;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.Ref;
import dev.vmbkmcl.UInt32Ref;
import dev.vmbkmcl.UInt64Ref;
import java.nio.ByteBuffer;

/**
 * The guest-memory part of a {@link Transport}: GPADLs, bounce buffers and MMIO space (kmcl-api.md
 * §1.6, §2.H). The engine forwards the KMCL calls named on each method here after the facade checked
 * their arguments. Every default refuses with {@code STATUS_NOT_SUPPORTED} (or does nothing, where
 * the C function returns nothing), which is what a transport without guest memory answers.
 */
public interface GpadlPort {
  /** A transport without guest memory: every call refuses or does nothing. */
  GpadlPort NONE = new GpadlPort() { };

  /**
   * {@code VmbChannelCreateGpadlFromBuffer}: share {@code byteCount} bytes of {@code buffer} from
   * its position.
   *
   * @param channel the channel
   * @param flags the KMCL {@code VMBUS_CHANNEL_GPADL_*} flags
   * @param buffer the memory to share
   * @param byteCount how many bytes
   * @param handle receives the GPADL handle
   * @return {@code STATUS_SUCCESS} or why not
   */
  default NtStatus createFromBuffer(EngineChannel channel, int flags, ByteBuffer buffer,
      int byteCount, UInt32Ref handle) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /**
   * {@code VmbChannelCreateGpadlFromMdl}: share a range of an MDL chain.
   *
   * @param channel the channel
   * @param flags the KMCL flags
   * @param mdl the chain
   * @param start the offset of the range within the chain
   * @param length its length, 0 for the rest of the chain
   * @param handle receives the GPADL handle
   * @return {@code STATUS_SUCCESS} or why not
   */
  default NtStatus createFromMdl(EngineChannel channel, int flags, Mdl mdl, int start, int length,
      UInt32Ref handle) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /**
   * {@code VmbChannelCreateGpadlFromPfnList}: share whole guest pages.
   *
   * @param channel the channel
   * @param flags the KMCL flags
   * @param pfns the page numbers
   * @param count how many of them
   * @param handle receives the GPADL handle
   * @return {@code STATUS_SUCCESS} or why not
   */
  default NtStatus createFromPfns(EngineChannel channel, int flags, long[] pfns, int count,
      UInt32Ref handle) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /**
   * {@code VmbChannelCreateGpadl}: allocate {@code pageCount} pages and share them.
   *
   * @param channel the channel
   * @param flags the KMCL flags
   * @param pageCount how many pages
   * @param handle receives the GPADL handle
   * @return {@code STATUS_SUCCESS} or why not
   */
  default NtStatus create(EngineChannel channel, int flags, int pageCount, UInt32Ref handle) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /**
   * {@code VmbChannelGetSystemAddressForGpadl}: the memory behind a GPADL.
   *
   * @param channel the channel
   * @param flags the KMCL flags
   * @param handle the GPADL handle
   * @param address receives the buffer
   * @return {@code STATUS_SUCCESS} or why not
   */
  default NtStatus systemAddress(EngineChannel channel, int flags, int handle,
      Ref<ByteBuffer> address) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /**
   * {@code VmbChannelDeleteGpadl}: no GPADL can exist on a transport that cannot create one.
   *
   * @param channel the channel
   * @param handle the GPADL handle
   */
  default void delete(EngineChannel channel, int handle) {}

  /**
   * {@code VmbChannelMapGpadl}: the peer's GPADL as an MDL.
   *
   * @param channel the channel
   * @param flags the KMCL flags
   * @param handle the GPADL handle
   * @param mdl receives the MDL
   * @return {@code STATUS_SUCCESS} or why not
   */
  default NtStatus map(EngineChannel channel, int flags, int handle, Ref<Mdl> mdl) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /**
   * {@code VmbChannelUnmapGpadl}: nothing can be mapped on a transport that cannot map.
   *
   * @param channel the channel
   * @param handle the GPADL handle
   */
  default void unmap(EngineChannel channel, int handle) {}

  /**
   * {@code VmbChannelAllocateBounceBuffer}.
   *
   * @param channel the channel
   * @param size the bytes to reserve
   * @return {@code STATUS_SUCCESS} or why not
   */
  default NtStatus allocateBounceBuffer(EngineChannel channel, int size) {
    return NtStatus.STATUS_NOT_SUPPORTED;
  }

  /**
   * {@code VmbChannelGetMmioSpace}: the channel's MMIO range; 0 and 0 when it has none.
   *
   * @param channel the channel
   * @param address receives the guest physical address
   * @param size receives the size in bytes
   */
  default void mmioSpace(EngineChannel channel, UInt64Ref address, UInt64Ref size) {
    address.set(0);
    size.set(0);
  }
}
