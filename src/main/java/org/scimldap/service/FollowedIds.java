package org.scimldap.service;

import com.unboundid.ldap.sdk.SearchResultEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.scimldap.ldap.ContentFollower;
import org.scimldap.mapping.entry.EntryMapper;

/**
 * The ids of every entry of one resource type in list order (by DN, as a scan orders them), kept
 * current by following the directory's changes ({@link ContentFollower}): the first page of an
 * unfiltered list, with its exact {@code totalResults}, without reading every entry.
 */
final class FollowedIds implements ContentFollower.Listener {
  /** How long a list waits for changes made just before it to come through the stream. */
  static final long MAX_WAIT_MILLIS = 250;

  private final EntryMapper mapper;
  private final TreeMap<String, String> idsByDnKey = new TreeMap<>();
  private final Map<UUID, String> dnKeys = new HashMap<>();
  private boolean refreshed;
  private volatile ContentFollower follower;

  FollowedIds(EntryMapper mapper) {
    this.mapper = mapper;
  }

  /** The attributes the followed entries are read with: the id. */
  List<String> attributes() {
    return List.of(mapper.mapping().idAttribute());
  }

  void followedBy(ContentFollower follower) {
    this.follower = follower;
  }

  /**
   * Every id, in order, as of now (changes the directory made before this call included); empty
   * when that cannot be said in time (the stream lags, is broken or still refreshing).
   */
  Optional<List<String>> current() {
    ContentFollower f = follower;
    if (f == null || !f.awaitCurrent(MAX_WAIT_MILLIS)) {
      return Optional.empty();
    }
    synchronized (this) {
      return refreshed ? Optional.of(List.copyOf(idsByDnKey.values())) : Optional.empty();
    }
  }

  @Override
  public synchronized void restarted() {
    refreshed = false;
    idsByDnKey.clear();
    dnKeys.clear();
  }

  @Override
  public synchronized void present(UUID uuid, SearchResultEntry entry) {
    gone(uuid);
    Optional<String> id = mapper.immutableId(entry);
    if (id.isPresent()) {
      String key = ResourceLister.dnKey(entry);
      idsByDnKey.put(key, id.get());
      dnKeys.put(uuid, key);
    }
  }

  @Override
  public synchronized void gone(UUID uuid) {
    String key = dnKeys.remove(uuid);
    if (key != null) {
      idsByDnKey.remove(key);
    }
  }

  @Override
  public synchronized void refreshed() {
    refreshed = true;
  }

  void close() {
    ContentFollower f = follower;
    if (f != null) {
      f.close();
    }
  }
}
