package org.scimldap.bench;

/**
 * The names of one round's users and groups, the same on both sides; each round (the warm-up, the
 * measured one) has a prefix of its own, so that no name of one is taken by the other.
 */
record Names(String prefix) {
  static final String GIVEN_NAME = "Bench";

  String userName(int i) {
    return prefix + ".user." + i;
  }

  String familyName(int i) {
    return "User" + i;
  }

  String displayName(int i) {
    return GIVEN_NAME + " " + familyName(i);
  }

  String email(int i) {
    return userName(i) + "@example.com";
  }

  String title(int i, int pass) {
    return "Tester " + i + (pass == 0 ? "" : " #" + pass);
  }

  String groupName(int g) {
    return prefix + "-group-" + g;
  }

  /** The container of the direct side's users or groups in this round. */
  String container(String kind, String baseDn) {
    return "ou=" + prefix + "-" + kind + "," + baseDn;
  }
}
