package org.scimldap.scim.patch;

import java.util.List;
import org.scimldap.scim.schema.ValueLimit;

/**
 * Applies {@link ValueLimit} to a PATCH: the values all its operations give one attribute (added,
 * replaced or named for removal) are counted together, so that neither one large operation nor many
 * small ones make the request cost more than the limit allows.
 */
public final class PatchValueLimit {
  private PatchValueLimit() {}

  /** Fails with 400 tooMany when the operations give one attribute too many values. */
  public static void requireWithin(List<PatchOperation> operations) {
    ValueLimit limit = new ValueLimit("The PATCH");
    for (PatchOperation op : operations) {
      if (op.value().isEmpty()) {
        continue;
      }
      if (op.path().isPresent()) {
        limit.count(op.path().get().attribute().name(), op.value().get());
      } else {
        limit.countMembers(op.value().get(), true);
      }
    }
  }
}
