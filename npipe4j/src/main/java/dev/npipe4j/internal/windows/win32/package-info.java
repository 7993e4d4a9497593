/** Non-null unless marked {@code @Nullable}: NullAway checks this at compile time. */
@NullMarked
package dev.npipe4j.internal.windows.win32;

import org.jspecify.annotations.NullMarked;
