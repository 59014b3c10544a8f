package dev.vmbkmcl.interfaces;

import dev.vmbkmcl.EVT_VMB_CHANNEL_RESTORE_PACKET_EX;
import dev.vmbkmcl.EVT_VMB_CHANNEL_SAVE_PACKET_EX;
import dev.vmbkmcl.NtStatus;
import dev.vmbkmcl.VMBCHANNEL;
import dev.vmbkmcl.Vmbkmcl;
import org.jspecify.annotations.Nullable;

/**
 * {@code KMCL_SERVER_ONLY_METHODS_V5} / {@code PKMCL_SERVER_ONLY_METHODS_V5} (kmcl-api.md §4.2):
 * {@link KMCL_SERVER_ONLY_METHODS} plus its only addition, {@code
 * VmbServerChannelInitSetSaveRestorePacketCallbacksEx} (WDK 19041; 120 bytes on x64).
 */
@SuppressWarnings({"MethodName", "ParameterName"}) // C member names: If.X(...) ports as is
public interface KMCL_SERVER_ONLY_METHODS_V5 extends KMCL_SERVER_ONLY_METHODS {
  /** {@code sizeof(KMCL_SERVER_ONLY_METHODS_V5)} on x64. */
  int SIZEOF = 120;

  /**
   * #33, the {@code PFN_VMB_SERVER_CHANNEL_INIT_SET_SAVE_RESTORE_PACKET_CALLBACKS_EX} member:
   * calls {@link Vmbkmcl#VmbServerChannelInitSetSaveRestorePacketCallbacksEx}.
   */
  default NtStatus VmbServerChannelInitSetSaveRestorePacketCallbacksEx(VMBCHANNEL Channel,
      @Nullable Object SaveRestoreContext, EVT_VMB_CHANNEL_SAVE_PACKET_EX SavePacketCallbackEx,
      EVT_VMB_CHANNEL_RESTORE_PACKET_EX RestorePacketCallbackEx) {
    return Vmbkmcl.VmbServerChannelInitSetSaveRestorePacketCallbacksEx(Channel, SaveRestoreContext,
        SavePacketCallbackEx, RestorePacketCallbackEx);
  }
}
