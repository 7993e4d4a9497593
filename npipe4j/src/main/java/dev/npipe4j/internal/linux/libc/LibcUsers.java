package dev.npipe4j.internal.linux.libc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * libc bindings for the process's user and the user database, named and typed as in {@code
 * <unistd.h>} and {@code <pwd.h>}. Conventions as in {@link Libc}; {@code geteuid} cannot fail, and
 * {@code getpwuid_r} returns its error number instead of setting {@code errno}.
 */
public final class LibcUsers {
  private LibcUsers() {}

  /**
   * {@code sizeof(struct passwd)}, rounded up: glibc and musl on LP64 have seven fields, {@code
   * pw_name}, {@code pw_passwd}, {@code pw_uid}, {@code pw_gid}, {@code pw_gecos}, {@code pw_dir}
   * and {@code pw_shell}, in 48 bytes.
   */
  public static final int PASSWD_BYTES = 64;

  /** The offset of {@code char *pw_name} in {@code struct passwd}: its first field. */
  public static final long PASSWD_PW_NAME = 0;

  private static final class H {
    static final MethodHandle geteuid =
        Native.errnoSetting("geteuid", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle getpwuid_r =
        Native.errnoSetting(
            "getpwuid_r",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
  }

  /** {@code uid_t geteuid(void);} */
  public static int geteuid() {
    try {
      return (int) H.geteuid.invokeExact(Native.captureSegment());
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }

  /**
   * {@code int getpwuid_r(uid_t uid, struct passwd *pwd, char *buf, size_t buflen, struct passwd
   * **result);} Returns 0 with {@code *result} set to {@code pwd}, or to NULL when the uid has no
   * entry; else an error number ({@code ERANGE}: {@code buf} is too small).
   */
  public static int getpwuid_r(
      int uid, MemorySegment pwd, MemorySegment buf, long buflen, MemorySegment result) {
    try {
      return (int) H.getpwuid_r.invokeExact(Native.captureSegment(), uid, pwd, buf, buflen, result);
    } catch (Throwable t) {
      throw Native.rethrow(t);
    }
  }
}
