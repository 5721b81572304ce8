package org.scimldap.mapping.spec;

import com.unboundid.ldap.sdk.Filter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * How one SCIM resource type lives in the directory.
 *
 * @param schema the SCIM resource type and its schemas
 * @param objectClasses object classes of new entries
 * @param placement where new entries go: one container template, e.g. {@code ou=people,{baseDn}},
 *     or a rule that chooses one by the value of a SCIM attribute
 * @param searchBase template of the DN searched for existing entries (defaults to the container, or
 *     the closest entry above every container of a rule)
 * @param rdnAttribute the naming attribute, e.g. {@code uid}
 * @param rdnSource the SCIM path whose value names the entry, e.g. {@code userName}
 * @param entryFilter which entries under the search base are resources of this type
 * @param protect entries that are never resources however they otherwise match, checked whenever
 *     one entry is looked up (by id, and before every write): for conditions too costly to evaluate
 *     in every list, such as nested membership of Active Directory's protected groups; null when
 *     the type has none
 * @param idAttribute the directory's immutable id attribute, e.g. {@code entryUUID}
 * @param idTransform how its value is SCIM text: {@link ValueTransform.Text} (lower-cased), or
 *     {@link ValueTransform.Binary} for a binary id such as Active Directory's {@code objectGUID}
 * @param rules attribute rules
 * @param members group membership, for group-like types
 * @param unmapped what happens to attributes of the type's schemas that no rule maps
 * @param origins where the parts of the type are written in the mapping file, for messages
 * @param delete what a SCIM DELETE does to an entry: remove it, or keep it as a leaver
 * @param derived LDAP attributes written from constants and templates rather than from one SCIM
 *     attribute
 * @param groups where the read-only {@code groups} of a resource come from; null when the type has
 *     none
 * @param adopt which entries the gateway did not create SCIM may change (and so take over)
 */
public record ResourceMapping(
    ResourceSchema schema,
    List<String> objectClasses,
    Placement placement,
    String searchBase,
    String rdnAttribute,
    ScimPath rdnSource,
    Filter entryFilter,
    Filter protect,
    String idAttribute,
    ValueTransform idTransform,
    List<AttributeRule> rules,
    MembersRule members,
    Unmapped unmapped,
    ResourceOrigins origins,
    DeletePolicy delete,
    List<DerivedValue> derived,
    GroupsRule groups,
    Adoption adopt) {

  /** What happens to attributes of the type's schemas that no rule maps. */
  public enum Unmapped {
    /** Kept in the correlation store, returned and filtered on like mapped ones. */
    KEEP,
    /** Dropped (each attribute name logged once), and not advertised. */
    IGNORE,
    /** A request that sets one is a 400 invalidValue naming it. */
    REJECT
  }

  public ResourceMapping {
    Objects.requireNonNull(schema);
    objectClasses = List.copyOf(objectClasses);
    Objects.requireNonNull(placement);
    Objects.requireNonNull(searchBase);
    Objects.requireNonNull(rdnAttribute);
    Objects.requireNonNull(rdnSource);
    Objects.requireNonNull(entryFilter);
    Objects.requireNonNull(idAttribute);
    Objects.requireNonNull(idTransform);
    rules = List.copyOf(rules);
    Objects.requireNonNull(unmapped);
    Objects.requireNonNull(origins);
    Objects.requireNonNull(delete);
    derived = List.copyOf(derived);
    Objects.requireNonNull(adopt);
  }

  /** This mapping with {@code entries} as its entry filter and {@code protect} (may be null). */
  public ResourceMapping withFilters(Filter entries, Filter protect) {
    return new ResourceMapping(
        schema,
        objectClasses,
        placement,
        searchBase,
        rdnAttribute,
        rdnSource,
        entries,
        protect,
        idAttribute,
        idTransform,
        rules,
        members,
        unmapped,
        origins,
        delete,
        derived,
        groups,
        adopt);
  }

  public String name() {
    return schema.name();
  }

  /** The filter of entries that are never resources, when the type has one. */
  public Optional<Filter> protection() {
    return Optional.ofNullable(protect);
  }

  /** Where the {@code groups} of a resource come from, when the type has them. */
  public Optional<GroupsRule> groupsRule() {
    return Optional.ofNullable(groups);
  }

  public Optional<MembersRule> membersRule() {
    return Optional.ofNullable(members);
  }

  /** Rules that read values from LDAP into SCIM. */
  public List<AttributeRule> readRules() {
    return rules.stream().filter(r -> r.direction().reads()).toList();
  }

  /** Rules that write values from SCIM into LDAP. */
  public List<AttributeRule> writeRules() {
    return rules.stream().filter(r -> r.direction().writes()).toList();
  }
}
