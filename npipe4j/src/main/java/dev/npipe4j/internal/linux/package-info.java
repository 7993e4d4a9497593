/** Non-null unless marked {@code @Nullable}: NullAway checks this at compile time. */
@NullMarked
package dev.npipe4j.internal.linux;

import org.jspecify.annotations.NullMarked;
