/** Package dev.vmbkmcl.sim. */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.sim;
