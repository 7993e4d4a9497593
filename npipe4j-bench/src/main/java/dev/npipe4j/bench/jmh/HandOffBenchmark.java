package dev.npipe4j.bench.jmh;

import dev.npipe4j.internal.Callbacks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What it costs to complete a {@link CompletableFuture} on another thread, as the driver must so
 * that user stages never run on it: the caller waits for a future completed by each executor.
 * {@code direct} completes on the caller's thread, for reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandOffBenchmark {
  private ExecutorService single;

  /** Starts the single platform thread. */
  @Setup(Level.Trial)
  public void start() {
    single = Executors.newSingleThreadExecutor();
  }

  /** Stops it. */
  @TearDown(Level.Trial)
  public void stop() {
    single.shutdownNow();
  }

  private static Integer roundTrip(Executor executor) {
    CompletableFuture<Integer> f = new CompletableFuture<>();
    executor.execute(() -> f.complete(1));
    return f.join();
  }

  /**
   * Completes on the calling thread.
   *
   * @return the value
   */
  @Benchmark
  public Integer direct() {
    CompletableFuture<Integer> f = new CompletableFuture<>();
    f.complete(1);
    return f.join();
  }

  /**
   * The library's choice: a virtual thread per completion ({@link Callbacks#executor()}).
   *
   * @return the value
   */
  @Benchmark
  public Integer virtualThreadPerTask() {
    return roundTrip(Callbacks.executor());
  }

  /**
   * The common fork-join pool.
   *
   * @return the value
   */
  @Benchmark
  public Integer commonPool() {
    return roundTrip(ForkJoinPool.commonPool());
  }

  /**
   * One dedicated platform thread.
   *
   * @return the value
   */
  @Benchmark
  public Integer singlePlatformThread() {
    return roundTrip(single);
  }
}
