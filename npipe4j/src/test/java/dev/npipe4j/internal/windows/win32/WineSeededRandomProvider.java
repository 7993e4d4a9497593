package dev.npipe4j.internal.windows.win32;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * Test-only security provider for the Windows JVM under Wine 8, installed first by {@code
 * scripts/test-windows.sh} ({@code -Djava.security.properties}).
 *
 * <p>Why: the JDK seeds its DRBG and SHA1PRNG with {@code SeedGenerator.getSystemEntropy()}, which
 * enumerates network interfaces; the JDK's net.dll delay-loads {@code GetAnycastIpAddressTable}
 * from iphlpapi.dll, which Wine 8 does not export, so the first {@code new SecureRandom()} (for
 * example inside {@code UUID.randomUUID()}) kills the JVM with exception 0xC06D007F. This provider
 * serves the SUN SHA1PRNG explicitly seeded from the host's /dev/urandom (through Wine's Z: drive)
 * and the clock, which never calls the network-interface code. Never used on Linux or Windows.
 */
public final class WineSeededRandomProvider extends Provider {
  private static final long serialVersionUID = 1L;

  /** Creates the provider (called by the JDK's provider loader). */
  public WineSeededRandomProvider() {
    super("Npipe4jWineSeed", "1", "SHA1PRNG seeded without network-interface entropy (Wine)");
    putService(
        new Service(this, "SecureRandom", "SHA1PRNG", Spi.class.getName(), null, null) {
          @Override
          public Object newInstance(Object constructorParameter) {
            return new Spi();
          }
        });
  }

  /** SHA1PRNG seeded before first use, so it never runs the JDK's own seeder. */
  public static final class Spi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final SecureRandom delegate;

    /** Creates a generator. */
    public Spi() {
      try {
        delegate = SecureRandom.getInstance("SHA1PRNG", "SUN");
      } catch (NoSuchAlgorithmException | NoSuchProviderException e) {
        throw new IllegalStateException(e);
      }
      delegate.setSeed(seed());
    }

    private static byte[] seed() {
      ByteBuffer b = ByteBuffer.allocate(64);
      try (InputStream in = new FileInputStream("Z:\\dev\\urandom")) {
        byte[] r = in.readNBytes(32);
        b.put(r, 0, Math.min(32, r.length));
      } catch (IOException | RuntimeException ignored) {
        // only the clock and the process then
      }
      b.position(32);
      b.putLong(System.nanoTime()).putLong(System.currentTimeMillis());
      b.putLong(ProcessHandle.current().pid()).putLong(System.identityHashCode(new Object()));
      return b.array();
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
      delegate.setSeed(seed);
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      delegate.nextBytes(bytes);
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      byte[] out = new byte[numBytes];
      delegate.nextBytes(out);
      return out;
    }
  }
}
