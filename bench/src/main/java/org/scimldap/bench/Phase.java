package org.scimldap.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one phase's operations on a number of concurrent clients: operation {@code i} for every
 * {@code i} below the count, each taken by whichever client is free, and measures them.
 */
final class Phase {

  /** One operation; it throws when the answer is not the expected one. */
  @FunctionalInterface
  interface Operation {
    void run(int client, int index) throws Exception;
  }

  /**
   * What a phase measured.
   *
   * @param name the phase
   * @param operations how many operations ran
   * @param errors how many of them failed (wrong status, wrong content, exception)
   * @param seconds wall time of the whole phase
   * @param latenciesMicros each operation's latency, sorted
   * @param firstError what the first failure said, or null
   */
  record Result(
      String name,
      int operations,
      int errors,
      double seconds,
      long[] latenciesMicros,
      String firstError) {

    double perSecond() {
      return operations / seconds;
    }

    /**
     * Several runs of one phase as one: their operations, errors and latencies together, over the
     * sum of their wall times.
     */
    static Result together(List<Result> runs) {
      int operations = 0;
      int errors = 0;
      double seconds = 0;
      String firstError = null;
      int latencies = 0;
      for (Result r : runs) {
        latencies += r.latenciesMicros().length;
      }
      long[] all = new long[latencies];
      int at = 0;
      for (Result r : runs) {
        operations += r.operations();
        errors += r.errors();
        seconds += r.seconds();
        if (firstError == null) {
          firstError = r.firstError();
        }
        System.arraycopy(r.latenciesMicros(), 0, all, at, r.latenciesMicros().length);
        at += r.latenciesMicros().length;
      }
      Arrays.sort(all);
      return new Result(runs.get(0).name(), operations, errors, seconds, all, firstError);
    }

    double percentileMillis(double p) {
      if (latenciesMicros.length == 0) {
        return 0;
      }
      int i = (int) Math.ceil(p / 100.0 * latenciesMicros.length) - 1;
      return latenciesMicros[Math.max(0, Math.min(i, latenciesMicros.length - 1))] / 1000.0;
    }
  }

  private Phase() {}

  /** Runs operations {@code 0 .. count-1}, each on whichever client is free. */
  static Result run(String name, int count, int clients, Operation operation)
      throws InterruptedException {
    return run(name, count, clients, false, operation);
  }

  /**
   * Runs {@code perClient} operations on each client, in order: client {@code c} runs operations
   * {@code c * perClient} to {@code (c + 1) * perClient - 1}, one after the other.
   */
  static Result inLanes(String name, int perClient, int clients, Operation operation)
      throws InterruptedException {
    return run(name, perClient * clients, clients, true, operation);
  }

  private static Result run(String name, int count, int clients, boolean lanes, Operation operation)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long[] latencies = new long[count];
    String[] firstError = new String[1];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      running.add(
          pool.submit(
              () -> {
                int perLane = count / clients;
                int i = lanes ? client * perLane : next.getAndIncrement();
                while (lanes ? i < (client + 1) * perLane : i < count) {
                  long t = System.nanoTime();
                  try {
                    operation.run(client, i);
                  } catch (Exception | AssertionError e) {
                    if (errors.getAndIncrement() == 0) {
                      synchronized (firstError) {
                        firstError[0] = name + " #" + i + ": " + e;
                      }
                    }
                  }
                  latencies[i] = (System.nanoTime() - t) / 1000;
                  i = lanes ? i + 1 : next.getAndIncrement();
                }
              }));
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Arrays.sort(latencies);
    synchronized (firstError) {
      return new Result(name, count, errors.get(), seconds, latencies, firstError[0]);
    }
  }
}
