/** Package dev.vmbkmcl.benchmarks. */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.benchmarks;
