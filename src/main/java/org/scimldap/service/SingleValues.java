package org.scimldap.service;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.Collection;
import java.util.Optional;
import org.scimldap.ldap.Directory;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.AttributeRule;
import org.scimldap.scim.ScimException;

/**
 * Refuses, before anything is written, a request that gives an attribute the directory's schema
 * declares single-valued more than one value (two work phone numbers for Active Directory's {@code
 * telephoneNumber}): a {@code 400 invalidValue} naming the SCIM attribute. Without the check the
 * directory refuses the write, which a guarded write on a directory without assertions would take
 * for a concurrent change and retry.
 */
final class SingleValues {
  private final EntryMapper mapper;
  private final Directory directory;

  SingleValues(EntryMapper mapper, Directory directory) {
    this.mapper = mapper;
    this.directory = directory;
  }

  /** Checks the attributes of a new entry. */
  void requireOfNewEntry(Collection<Attribute> attributes) {
    Optional<Schema> schema = directory.schema();
    if (schema.isEmpty()) {
      return;
    }
    for (Attribute a : attributes) {
      require(schema.get(), a.getBaseName(), a.size());
    }
  }

  /** Checks what replaces or adds to an attribute in a modify. */
  void requireOfChanges(Collection<Modification> modifications) {
    Optional<Schema> schema = directory.schema();
    if (schema.isEmpty()) {
      return;
    }
    for (Modification m : modifications) {
      if (m.getModificationType() == ModificationType.REPLACE
          || m.getModificationType() == ModificationType.ADD) {
        require(schema.get(), m.getAttribute().getBaseName(), m.getValues().length);
      }
    }
  }

  private void require(Schema schema, String attribute, int values) {
    if (values < 2) {
      return;
    }
    AttributeTypeDefinition type = schema.getAttributeType(attribute);
    if (type == null || !type.isSingleValued()) {
      return;
    }
    String from =
        mapper.mapping().rules().stream()
            .filter(r -> r.source() == AttributeRule.Source.LDAP)
            .filter(r -> r.ldap().equalsIgnoreCase(attribute))
            .map(r -> "'" + r.scim() + "'")
            .findFirst()
            .orElse("the request");
    throw ScimException.invalidValue(
        from
            + " gives "
            + values
            + " values to the directory's attribute '"
            + attribute
            + "', which holds one");
  }
}
