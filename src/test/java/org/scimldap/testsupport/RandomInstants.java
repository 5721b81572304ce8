package org.scimldap.testsupport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Instants for tests of reading and writing times: with no fraction of a second, and with fractions
 * of three, six and nine digits, a quarter each.
 */
public final class RandomInstants {
  private RandomInstants() {}

  /**
   * {@code count} instants between epoch seconds {@code from} and {@code to}, drawn from {@code
   * seed}.
   */
  public static List<Instant> of(long seed, int count, long from, long to) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Instant> instants = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      instants.add(Instant.ofEpochSecond(random.nextLong(from, to), nanos));
    }
    return instants;
  }
}
