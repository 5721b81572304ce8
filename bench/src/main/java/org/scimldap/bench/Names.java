package org.scimldap.bench;

/** The names of the bench's users and groups, the same on both sides. */
final class Names {
  static final String GIVEN_NAME = "Bench";

  private Names() {}

  static String userName(int i) {
    return "bench.user." + i;
  }

  static String familyName(int i) {
    return "User" + i;
  }

  static String displayName(int i) {
    return GIVEN_NAME + " " + familyName(i);
  }

  static String email(int i) {
    return userName(i) + "@example.com";
  }

  static String title(int i) {
    return "Tester " + i;
  }

  static String groupName(int g) {
    return "bench-group-" + g;
  }
}
