package org.scimldap.bench;

import java.util.List;
import java.util.Locale;

/** The bench's table: each phase on both sides, and the ratio of their throughputs. */
final class Report {
  private Report() {}

  static void print(List<Phase.Result[]> rows) {
    String format = "%-18s %9s %8s %8s %6s | %9s %8s %8s %6s | %6s%n";
    System.out.printf(
        Locale.ROOT,
        format,
        "phase",
        "direct/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "gateway/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "ratio");
    for (Phase.Result[] row : rows) {
      Phase.Result d = row[0];
      Phase.Result g = row[1];
      System.out.printf(
          Locale.ROOT,
          format,
          d.name(),
          String.format(Locale.ROOT, "%.0f", d.perSecond()),
          String.format(Locale.ROOT, "%.2f", d.percentileMillis(50)),
          String.format(Locale.ROOT, "%.2f", d.percentileMillis(99)),
          d.errors(),
          String.format(Locale.ROOT, "%.0f", g.perSecond()),
          String.format(Locale.ROOT, "%.2f", g.percentileMillis(50)),
          String.format(Locale.ROOT, "%.2f", g.percentileMillis(99)),
          g.errors(),
          String.format(Locale.ROOT, "%.2f", g.perSecond() / d.perSecond()));
    }
    for (Phase.Result[] row : rows) {
      for (Phase.Result r : row) {
        if (r.firstError() != null) {
          System.out.println("first error: " + r.firstError());
        }
      }
    }
  }
}
