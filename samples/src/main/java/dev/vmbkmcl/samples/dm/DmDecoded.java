package dev.vmbkmcl.samples.dm;

/**
 * What {@link DmDecoder#decode} returns: a {@link DmMessage} or a {@link DmMalformed} naming why
 * the bytes were refused. Test with {@code instanceof DmMessage.BalloonRequest r} and so on.
 */
public sealed interface DmDecoded permits DmMessage, DmMalformed {}
