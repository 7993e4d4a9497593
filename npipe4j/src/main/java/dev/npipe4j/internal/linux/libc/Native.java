package dev.npipe4j.internal.linux.libc;

import dev.npipe4j.internal.Downcalls;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The linker plumbing of the libc bindings: downcall linking and the per-thread {@code errno}
 * capture segment.
 *
 * <p>libc is found through {@link Linker#defaultLookup()}; nothing is looked up until a binding is
 * first called, so this class loads on every OS.
 *
 * <p>The Win32 bindings have a class of the same name and shape. The two stay apart because only
 * the bindings packages touch {@code Linker}, and each captures a different call state ({@code
 * errno} here, {@code GetLastError} there); what they share without the linker is in {@link
 * Downcalls}.
 */
final class Native {
  private Native() {}

  static final Linker LINKER = Linker.nativeLinker();

  /** Links functions that set {@code errno}, capturing it right after the call. */
  private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

  /**
   * Lets a downcall read and write the Java heap directly. Only for calls that never block (the
   * {@code MSG_DONTWAIT} transfers): the garbage collector waits while such a call runs.
   */
  private static final Linker.Option HEAP_ACCESS = Linker.Option.critical(true);

  /** The layout of the capture segment and the handle reading its errno field. */
  private static final class Capture {
    static final StructLayout LAYOUT = Linker.Option.captureStateLayout();
    static final VarHandle ERRNO =
        MethodHandles.insertCoordinates(
            LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno")), 1, 0L);

    /** One capture segment per thread (virtual threads included), freed with the thread. */
    static final ThreadLocal<MemorySegment> SEGMENT =
        ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(LAYOUT));
  }

  /**
   * Links a libc function that sets {@code errno}: the handle takes a leading capture segment
   * ({@link #captureSegment()}), and {@link #errno()} reads the code afterwards.
   */
  static MethodHandle errnoSetting(String name, FunctionDescriptor descriptor) {
    return link(name, descriptor, CAPTURE_ERRNO);
  }

  /** Links a non-blocking libc function that sets {@code errno} and may be passed heap segments. */
  static MethodHandle heapAccessing(String name, FunctionDescriptor descriptor) {
    return link(name, descriptor, CAPTURE_ERRNO, HEAP_ACCESS);
  }

  /** Links a variadic libc function whose variadic arguments start at {@code firstVariadic}. */
  static MethodHandle variadic(String name, FunctionDescriptor descriptor, int firstVariadic) {
    return link(name, descriptor, CAPTURE_ERRNO, Linker.Option.firstVariadicArg(firstVariadic));
  }

  // Creating a downcall handle is restricted; only this package links native functions.
  @SuppressWarnings("restricted")
  private static MethodHandle link(
      String name, FunctionDescriptor descriptor, Linker.Option... options) {
    MemorySegment address =
        LINKER
            .defaultLookup()
            .find(name)
            .orElseThrow(() -> new UnsatisfiedLinkError("no such libc function: " + name));
    return LINKER.downcallHandle(address, descriptor, options);
  }

  /** The calling thread's capture segment, passed as the first argument of capturing handles. */
  static MemorySegment captureSegment() {
    return Capture.SEGMENT.get();
  }

  /** The errno captured by the calling thread's most recent capturing downcall. */
  static int errno() {
    return (int) Capture.ERRNO.get(captureSegment());
  }

  /** Rethrows what a downcall threw; downcalls do not throw checked exceptions. */
  static RuntimeException rethrow(Throwable t) {
    return Downcalls.rethrow(t, "libc");
  }
}
