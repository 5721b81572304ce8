package org.scimldap.ops;

import java.util.Objects;

/**
 * The outcome of one readiness check.
 *
 * @param name what was checked: {@code directory}, {@code store} or {@code mapping}
 * @param ok whether it passed
 * @param detail why it failed; empty when it passed
 */
public record CheckResult(String name, boolean ok, String detail) {
  public CheckResult {
    Objects.requireNonNull(name);
    Objects.requireNonNull(detail);
  }

  static CheckResult passed(String name) {
    return new CheckResult(name, true, "");
  }

  static CheckResult failed(String name, String detail) {
    return new CheckResult(name, false, detail);
  }
}
