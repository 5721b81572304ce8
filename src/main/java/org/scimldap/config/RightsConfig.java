package org.scimldap.config;

import java.util.List;

/**
 * What a client may do: the {@code rights} of an {@code auth.clients} entry. Resource types are
 * named as in the mapping ({@code User}, {@code Group}); {@code "*"} is every type. Writing a type
 * includes reading it.
 *
 * @param read types the client may read (GET, list, {@code .search})
 * @param write types the client may create, replace, patch and delete
 * @param admin whether the client may call the admin endpoints
 */
public record RightsConfig(List<String> read, List<String> write, boolean admin) {
  public RightsConfig {
    read = List.copyOf(Checks.present("rights.read", read));
    write = List.copyOf(Checks.present("rights.write", write));
  }
}
