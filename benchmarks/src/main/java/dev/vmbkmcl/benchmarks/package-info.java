/**
 * JMH benchmarks of the packet path (issue 7), every SDK figure beside a peer measured in the same
 * run: Agrona's {@code OneToOneRingBuffer} and a C implementation of the VMBus ring ({@code
 * src/main/c/vmbring.c}, through JNA). {@code benchmarks/run.sh} builds and runs them ({@link
 * dev.vmbkmcl.benchmarks.Suite}) and writes {@code results/results.md}; {@code java -jar
 * target/benchmarks.jar} is plain JMH.
 */
@org.jspecify.annotations.NullMarked
package dev.vmbkmcl.benchmarks;
