package org.scimldap.embedded;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;

/**
 * Schema the embedded directory adds to the UnboundID standard schema, so that the OpenLDAP mapping
 * preset works unchanged: {@code pwdAccountLockedTime} from the password policy draft
 * (draft-behera-ldap-password-policy §5.3.3), which OpenLDAP's ppolicy overlay defines. Its syntax
 * here is a directory string, because the SDK's generalized-time parser refuses the year 0000 of
 * {@code 000001010000Z}, the value that locks an account permanently. And {@code groupOfNames} as
 * RFC 4519 §3.5 and OpenLDAP define it, with {@code member} required (the SDK's copy relaxes that),
 * so that the embedded directory refuses an empty group as real ones do.
 */
public final class EmbeddedSchema {
  private EmbeddedSchema() {}

  /**
   * The whole schema of the embedded directory: the UnboundID standard schema with {@link
   * #additions()}. Checks of a mapping against the embedded directory read it here, without
   * starting one.
   */
  public static Schema schema() {
    try {
      return Schema.mergeSchemas(Schema.getDefaultStandardSchema(), additions());
    } catch (LDAPException e) {
      throw new IllegalStateException("The LDAP SDK's standard schema cannot be read", e);
    }
  }

  static Schema additions() {
    Entry entry =
        new Entry(
            "cn=schema",
            new Attribute("objectClass", "top", "subschema"),
            new Attribute(
                "attributeTypes",
                "( 1.3.6.1.4.1.42.2.27.8.1.17 NAME 'pwdAccountLockedTime'"
                    + " DESC 'The time an user account was locked'"
                    + " EQUALITY caseIgnoreMatch ORDERING caseIgnoreOrderingMatch"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE USAGE directoryOperation )",
                "( 1.3.6.1.4.1.4203.666.1.7 NAME 'entryCSN' DESC 'change sequence number of the"
                    + " entry' EQUALITY caseExactMatch ORDERING caseExactOrderingMatch"
                    + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE USAGE directoryOperation )"),
            new Attribute(
                "objectClasses",
                "( 2.5.6.9 NAME 'groupOfNames' SUP top STRUCTURAL MUST ( member $ cn )"
                    + " MAY ( businessCategory $ seeAlso $ owner $ ou $ o $ description )"
                    + " X-ORIGIN 'RFC 4519' )"));
    return new Schema(entry);
  }
}
