package dev.vmbkmcl.channel;

import dev.vmbkmcl.EVT_VMB_CHANNEL_RESTORE_PACKET;
import dev.vmbkmcl.EVT_VMB_CHANNEL_RESTORE_PACKET_EX;
import dev.vmbkmcl.EVT_VMB_CHANNEL_SAVE_PACKET;
import dev.vmbkmcl.EVT_VMB_CHANNEL_SAVE_PACKET_EX;
import org.jspecify.annotations.Nullable;

/**
 * The per-packet save/restore callbacks of a server channel, legacy or Ex; the last registration
 * wins (kmcl-api.md §2.D #32, #33).
 */
record SaveRestoreCallbacks(
    @Nullable EVT_VMB_CHANNEL_SAVE_PACKET save,
    @Nullable EVT_VMB_CHANNEL_RESTORE_PACKET restore,
    @Nullable EVT_VMB_CHANNEL_SAVE_PACKET_EX saveEx,
    @Nullable EVT_VMB_CHANNEL_RESTORE_PACKET_EX restoreEx,
    @Nullable Object context) {}
