/**
 * Sample drivers written only with {@code Vmbkmcl} calls, each runnable on the simulated VMBus
 * (against a simulated host written with the KMCL server API) and on a Linux Hyper-V guest:
 * heartbeat, Dynamic Memory (balloon), echo, lsvmbus and Guest Services file copy. {@link
 * dev.vmbkmcl.samples.Main} is the entry point; the protocol codecs live in the {@code ic}, {@code
 * dm} and {@code fcopy} subpackages.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.samples;
