/**
 * The engine's observation seam: what a channel tells an observer about the packets, signals and
 * state changes that cross it. Imports nothing of the project, so every layer may depend on it;
 * the capture ({@code dev.vmbkmcl.capture}) and JFR events implement it.
 */
@NullMarked
package dev.vmbkmcl.observe;

import org.jspecify.annotations.NullMarked;
