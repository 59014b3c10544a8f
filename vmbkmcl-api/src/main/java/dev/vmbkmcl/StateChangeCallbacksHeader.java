package dev.vmbkmcl;

/**
 * The {@code Version} and {@code Size} header shared by {@link VMB_CHANNEL_STATE_CHANGE_CALLBACKS} and
 * {@link VMB_CHANNEL_STATE_CHANGE_CALLBACKS_V5}.
 *
 * <p>{@code VmbChannelInitSetStateChangeCallbacks} takes either structure, as C takes the V5 one
 * through a cast (kmcl-api.md §5 item 11), and tells them apart by these two fields: Version 1 with
 * Size 48 or Version 5 with Size 56 (the x64 sizes), on the structure of that version; anything
 * else is {@code STATUS_INVALID_PARAMETER_2}.
 */
public abstract class StateChangeCallbacksHeader {
  /** {@code ULONG Version}: 1 or 5, set by the {@code *_INIT} helper. */
  @SuppressWarnings("MemberName")
  public int Version;

  /** {@code ULONG Size}: {@code sizeof} the structure on x64, set by the {@code *_INIT} helper. */
  @SuppressWarnings("MemberName")
  public int Size;

  StateChangeCallbacksHeader() {}
}
