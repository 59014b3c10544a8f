package dev.vmbkmcl.samples.dm;

/**
 * Bytes that are not a valid Dynamic Memory message; receivers ignore them, as QEMU and Linux do.
 *
 * @param reason what was wrong, for logs
 */
public record DmMalformed(String reason) implements DmDecoded {}
