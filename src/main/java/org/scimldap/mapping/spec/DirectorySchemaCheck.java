package org.scimldap.mapping.spec;

import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.scimldap.scim.path.ScimPath;
import org.scimldap.scim.schema.ResourceSchema;

/**
 * Checks a mapping against a directory's schema (RFC 4512 §4.2, as published in its subschema
 * subentry): object classes and attribute types the directory does not define are errors;
 * attributes that the object classes require (MUST) and that no rule writes, single-valued
 * attributes fed by multi-valued SCIM attributes, and attributes of a binary syntax copied as text
 * are warnings. Each finding names the place in the mapping file and quotes the directory's own
 * definition. A pure function: the caller reads the schema.
 */
public final class DirectorySchemaCheck {
  /** Syntaxes whose values are bytes, not text (RFC 4517 §3.3, RFC 4523, RFC 2252 §6). */
  private static final Set<String> BINARY_SYNTAXES =
      Set.of(
          "1.3.6.1.4.1.1466.115.121.1.4", // Audio
          "1.3.6.1.4.1.1466.115.121.1.5", // Binary
          "1.3.6.1.4.1.1466.115.121.1.8", // Certificate
          "1.3.6.1.4.1.1466.115.121.1.9", // Certificate List
          "1.3.6.1.4.1.1466.115.121.1.10", // Certificate Pair
          "1.3.6.1.4.1.1466.115.121.1.23", // Fax
          "1.3.6.1.4.1.1466.115.121.1.28", // JPEG
          "1.3.6.1.4.1.1466.115.121.1.40", // Octet String
          "1.3.6.1.4.1.1466.115.121.1.49"); // Supported Algorithm

  /** Binary attributes of directories whose published syntaxes do not say so (Active Directory). */
  private static final Set<String> BINARY_NAMES =
      Set.of(
          "jpegphoto",
          "photo",
          "thumbnailphoto",
          "objectguid",
          "objectsid",
          "usercertificate",
          "cacertificate",
          "usersmimecertificate",
          "userpkcs12",
          "audio");

  /**
   * Attributes that object classes require but the directory fills in itself: Active Directory sets
   * {@code objectCategory}, {@code instanceType}, {@code nTSecurityDescriptor} and {@code
   * objectSid} on every new entry.
   */
  private static final List<String> SUPPLIED_BY_DIRECTORY =
      List.of("objectCategory", "instanceType", "nTSecurityDescriptor", "objectSid");

  private static final String PPOLICY_HINT =
      "OpenLDAP defines it in the schema of its ppolicy module: load the ppolicy module and"
          + " overlay (moduleload ppolicy), or map 'active' to an attribute this directory has";

  private static final String MEMBEROF_HINT =
      "OpenLDAP keeps memberOf with its memberof overlay (moduleload memberof, overlay"
          + " memberof); without it, read groups from the group entries: groups: {from: members}";

  private final Schema schema;
  private final String subschema;
  private final List<MappingProblem> found = new ArrayList<>();

  private DirectorySchemaCheck(Schema schema) {
    this.schema = schema;
    this.subschema =
        schema.getSchemaEntry() == null ? "subschema" : schema.getSchemaEntry().getDN();
  }

  /** Every finding for every resource type of {@code spec}, type by type. */
  public static List<MappingProblem> check(MappingSpec spec, Schema schema) {
    DirectorySchemaCheck check = new DirectorySchemaCheck(schema);
    spec.resources().forEach(check::resourceType);
    return check.found.stream().sorted(Comparator.comparing(DirectorySchemaCheck::place)).toList();
  }

  /** Line and column of a {@code file:line:column} place, for sorting; 0 and 0 for none. */
  private static Place place(MappingProblem problem) {
    String[] parts = problem.where().split(":");
    try {
      return parts.length < 3
          ? new Place(0, 0)
          : new Place(
              Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
    } catch (NumberFormatException e) {
      return new Place(0, 0);
    }
  }

  private record Place(int line, int column) implements Comparable<Place> {
    @Override
    public int compareTo(Place other) {
      return line != other.line
          ? Integer.compare(line, other.line)
          : Integer.compare(column, other.column);
    }
  }

  /** A schema definition as the directory publishes it, on one line. */
  private static String wording(Object definition) {
    return definition.toString().replaceAll("\\s+", " ");
  }

  private void resourceType(ResourceMapping type) {
    ResourceOrigins at = type.origins();
    List<ObjectClassDefinition> classes = new ArrayList<>();
    for (int i = 0; i < type.objectClasses().size(); i++) {
      classes.add(objectClass(at.objectClass(i), type.objectClasses().get(i)).orElse(null));
    }
    Set<String> written = new HashSet<>();
    attributeType(at.rdn(), type.rdnAttribute()).ifPresent(d -> written.add(d.getOID()));
    attributeType(at.id(), type.idAttribute());
    for (AttributeRule rule : type.rules()) {
      if (rule.source() != AttributeRule.Source.LDAP) {
        continue;
      }
      Optional<AttributeTypeDefinition> def = attributeType(rule.origin(), rule.ldap());
      if (def.isPresent()) {
        if (rule.direction().writes()) {
          written.add(def.get().getOID());
        }
        singleValued(rule, def.get(), type.schema());
        binary(rule, def.get());
      }
    }
    for (DerivedValue d : type.derived()) {
      attributeType(d.origin(), d.ldap()).ifPresent(def -> written.add(def.getOID()));
    }
    Optional<AttributeTypeDefinition> members =
        type.membersRule().flatMap(m -> attributeType(at.members(), m.ldap()));
    type.groupsRule()
        .filter(g -> g.from() == GroupsRule.From.MEMBER_OF)
        .ifPresent(g -> attributeType(g.origin(), g.ldap()));
    boolean emptyGroupsStored = type.membersRule().map(m -> m.placeholder() != null).orElse(false);
    members.filter(m -> emptyGroupsStored).ifPresent(m -> written.add(m.getOID()));
    for (int i = 0; i < classes.size(); i++) {
      ObjectClassDefinition oc = classes.get(i);
      if (oc == null) {
        continue;
      }
      for (AttributeTypeDefinition required : oc.getRequiredAttributes(schema, true)) {
        if (required.hasNameOrOID("objectClass")
            || SUPPLIED_BY_DIRECTORY.stream().anyMatch(required::hasNameOrOID)
            || !written.add(required.getOID())) {
          continue;
        }
        boolean isMembers = members.map(m -> m.getOID().equals(required.getOID())).orElse(false);
        found.add(
            isMembers
                ? emptyGroupRefused(at.members(), oc, required)
                : requiredNotWritten(at.objectClass(i), oc, required));
      }
    }
  }

  private Optional<ObjectClassDefinition> objectClass(String where, String name) {
    ObjectClassDefinition def = schema.getObjectClass(name);
    if (def == null) {
      List<String> known =
          schema.getObjectClasses().stream().flatMap(oc -> Stream.of(oc.getNames())).toList();
      found.add(
          new MappingProblem(
              where,
              MappingProblem.Severity.ERROR,
              "object class '"
                  + name
                  + "' is not defined in the directory's schema ("
                  + subschema
                  + ")",
              Suggestions.hint(name, known)));
    }
    return Optional.ofNullable(def);
  }

  private Optional<AttributeTypeDefinition> attributeType(String where, String name) {
    String base = name.split(";", 2)[0];
    AttributeTypeDefinition def = schema.getAttributeType(base);
    if (def == null) {
      List<String> known =
          schema.getAttributeTypes().stream().flatMap(a -> Stream.of(a.getNames())).toList();
      found.add(
          new MappingProblem(
              where,
              MappingProblem.Severity.ERROR,
              "LDAP attribute '"
                  + base
                  + "' is not defined in the directory's schema ("
                  + subschema
                  + ")",
              base.equalsIgnoreCase("pwdAccountLockedTime")
                  ? PPOLICY_HINT
                  : base.equalsIgnoreCase("memberOf")
                      ? MEMBEROF_HINT
                      : Suggestions.hint(base, known)));
    }
    return Optional.ofNullable(def);
  }

  private MappingProblem requiredNotWritten(
      String where, ObjectClassDefinition oc, AttributeTypeDefinition required) {
    String name = required.getNameOrOID();
    return new MappingProblem(
        where,
        MappingProblem.Severity.WARNING,
        "object class '"
            + oc.getNameOrOID()
            + "' requires '"
            + name
            + "', and no rule writes it, so the directory refuses every new entry; it defines "
            + wording(oc),
        "add a rule with 'ldap: "
            + name
            + "' and a fallback that always has a value, such as the naming attribute's path");
  }

  private MappingProblem emptyGroupRefused(
      String where, ObjectClassDefinition oc, AttributeTypeDefinition required) {
    return new MappingProblem(
        where,
        MappingProblem.Severity.WARNING,
        "object class '"
            + oc.getNameOrOID()
            + "' requires '"
            + required.getNameOrOID()
            + "', and members has no placeholder, so the directory refuses every empty group;"
            + " it defines "
            + wording(oc),
        "set 'placeholder: \"cn=nobody\"' under members");
  }

  /** A single-valued LDAP attribute written from a SCIM path that may hold several values. */
  private void singleValued(
      AttributeRule rule, AttributeTypeDefinition def, ResourceSchema resourceSchema) {
    boolean carriesAll = carriesEveryValue(rule.transform());
    if (!rule.direction().writes() || !def.isSingleValued() || !carriesAll) {
      return;
    }
    Optional<ScimPath> many =
        Stream.concat(
                Stream.of(rule.scim()),
                rule.fallbacks().stream()
                    .filter(f -> f instanceof Fallback.FromPath)
                    .map(f -> ((Fallback.FromPath) f).path()))
            .filter(p -> manyValues(p, resourceSchema))
            .findFirst();
    many.ifPresent(
        path ->
            found.add(
                new MappingProblem(
                    rule.origin(),
                    MappingProblem.Severity.WARNING,
                    "'"
                        + rule.ldap()
                        + "' is single-valued in the directory, but '"
                        + path
                        + "' may hold several values, which the directory refuses; it defines "
                        + wording(def),
                    "map it from a single-valued SCIM attribute, or to an LDAP attribute that"
                        + " takes several values")));
  }

  /** True for transforms that write every SCIM value as an LDAP value (not one bit, one flag). */
  private static boolean carriesEveryValue(ValueTransform t) {
    if (t instanceof ValueTransform.Chain chain) {
      return carriesEveryValue(chain.last());
    }
    return t instanceof ValueTransform.Text
        || t instanceof ValueTransform.Reference
        || t instanceof ValueTransform.Binary
        || t instanceof ValueTransform.Time;
  }

  /** True for transforms that write text: a binary attribute would get the text's bytes. */
  private static boolean writesText(ValueTransform t) {
    return t instanceof ValueTransform.Text
        || (t instanceof ValueTransform.Chain chain && chain.last() instanceof ValueTransform.Text);
  }

  /**
   * True when a SCIM path may give several values: it goes through a multi-valued attribute without
   * a value filter. A filtered path ({@code emails[type eq "work"].value}) picks the value of one
   * kind, of which identity providers send one; a second one is refused by the directory and
   * answered {@code 400}.
   */
  private static boolean manyValues(ScimPath path, ResourceSchema resourceSchema) {
    if (path.hasValueFilter()) {
      return false;
    }
    return resourceSchema
        .resolve(path.attribute())
        .map(r -> r.attribute().multiValued() || (r.sub() != null && r.sub().multiValued()))
        .orElse(false);
  }

  /** An attribute of a binary syntax, or known to hold bytes, copied as text. */
  private void binary(AttributeRule rule, AttributeTypeDefinition def) {
    if (!writesText(rule.transform())) {
      return;
    }
    String syntax = def.getBaseSyntaxOID(schema);
    boolean binarySyntax = syntax != null && BINARY_SYNTAXES.contains(syntax);
    boolean binaryName =
        Stream.of(def.getNames()).anyMatch(n -> BINARY_NAMES.contains(n.toLowerCase(Locale.ROOT)))
            || rule.ldap().toLowerCase(Locale.ROOT).contains(";binary");
    if (!binarySyntax && !binaryName) {
      return;
    }
    found.add(
        new MappingProblem(
            rule.origin(),
            MappingProblem.Severity.WARNING,
            "'"
                + rule.ldap()
                + "' holds binary values"
                + (binarySyntax ? " (syntax " + syntax + ")" : "")
                + ", which a text transform garbles; the directory defines "
                + wording(def),
            "leave binary attributes out of the mapping"));
  }
}
