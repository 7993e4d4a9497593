/**
 * The operating system's handle of a pipe, for npipe4j's own Netty transport, which waits for
 * readiness in its event loop's selector instead of the library's driver. Exported to {@code
 * dev.npipe4j.netty} only; nothing here is public API. Non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.npipe4j.internal.handle;

import org.jspecify.annotations.NullMarked;
