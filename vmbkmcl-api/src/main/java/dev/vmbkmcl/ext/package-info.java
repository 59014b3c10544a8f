/**
 * SDK extensions: calls KMCL does not have, beside the C-named facade {@link dev.vmbkmcl.Vmbkmcl}.
 * Nothing here changes what a KMCL call does. This package may use {@code dev.vmbkmcl} and {@code
 * dev.vmbkmcl.channel}; nothing imports it.
 */
@NullMarked
package dev.vmbkmcl.ext;

import org.jspecify.annotations.NullMarked;
