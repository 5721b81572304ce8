package org.scimldap.bench;

/**
 * One way of doing the bench's logical work: through the gateway's SCIM API, or directly against
 * LDAP. Every operation checks its answer and throws when it is not the expected one, so that a
 * fast wrong answer cannot score.
 */
interface Side extends AutoCloseable {
  /** Members added to a group by one operation. */
  int MEMBERS_PER_CHANGE = 100;

  /** Users in one page of a list. */
  int PAGE = 100;

  String name();

  /** Creates user {@code i}. */
  void create(int i) throws Exception;

  /** Reads user {@code i} by its id (the gateway) or its DN (LDAP). */
  void get(int i) throws Exception;

  /** Finds user {@code i} by its user name. */
  void filter(int i) throws Exception;

  /**
   * Disables user {@code i} and sets its title, a title of its own in each {@code pass}: a PATCH
   * that repeats what the entry holds already changes nothing, and would not be the same work.
   */
  void patch(int i, int pass) throws Exception;

  /**
   * Reads the whole list of users, {@link #PAGE} at a time, as client {@code client}; called once
   * per page, in order for each client. Returns the number of users the page held.
   */
  int listPage(int client, int page) throws Exception;

  /** Creates group {@code g}. */
  void createGroup(int g) throws Exception;

  /** Adds users {@code batch * 100} to {@code batch * 100 + 99} to group {@code batch % groups}. */
  void addMembers(int batch, int groups) throws Exception;

  /** Deletes user {@code i}. */
  void delete(int i) throws Exception;

  /** Removes what the bench left (groups). */
  void cleanUp(int groups) throws Exception;

  @Override
  void close();
}
