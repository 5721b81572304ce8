package org.scimldap.bench;

/** A check of an answer: a wrong one counts as an error of its phase. */
final class Check {
  private Check() {}

  static void that(boolean holds, String what) {
    if (!holds) {
      throw new IllegalStateException("wrong answer: " + what);
    }
  }
}
