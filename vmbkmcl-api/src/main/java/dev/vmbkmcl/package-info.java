/** Package dev.vmbkmcl. */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl;
