/**
 * SDK extensions beside the C-named facade: calls KMCL does not have, which never change what a
 * KMCL call does. Nothing in the SDK imports this package.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.ext;
