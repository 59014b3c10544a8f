/** Package dev.vmbkmcl.hyperv. */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.hyperv;
