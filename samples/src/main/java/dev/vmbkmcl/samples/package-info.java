/** Package dev.vmbkmcl.samples. */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.samples;
