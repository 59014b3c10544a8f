/**
 * The backend SPI: {@link dev.vmbkmcl.spi.KmclBackend}, implemented by the simulated and the Hyper-V
 * backends, and {@link dev.vmbkmcl.spi.KmclBackendProvider}, how {@link java.util.ServiceLoader}
 * finds them.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.spi;
