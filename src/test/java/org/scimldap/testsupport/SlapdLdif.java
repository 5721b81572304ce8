package org.scimldap.testsupport;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds the two LDIF files a throwaway {@code slapd} is loaded from: the {@code cn=config} tree
 * (for {@code slapadd -n 0}) and the base entries of the data tree (for {@code slapadd -n 1}).
 *
 * <p>Entries are built as UnboundID {@link Entry} objects so that values such as the temp-dir path
 * are encoded correctly whatever characters they hold.
 */
final class SlapdLdif {

  static final String MODULE_DIR = "/usr/lib/ldap";
  static final String SCHEMA_DIR = "/etc/ldap/schema";
  static final List<String> SCHEMAS = List.of("core", "cosine", "nis", "inetorgperson");

  /** The configuration entry of the data tree's database, where its limits are set. */
  static final String MDB = "olcDatabase={1}mdb,cn=config";

  private SlapdLdif() {}

  /** Whether the optional server-side sort / VLV module is installed. */
  static boolean sssvlvInstalled() {
    return Files.exists(Path.of(MODULE_DIR, "sssvlv.la"))
        || Files.exists(Path.of(MODULE_DIR, "sssvlv.so"));
  }

  /**
   * The {@code cn=config} LDIF: global settings, modules, schema, frontend, config and mdb
   * databases, and the overlays on the mdb database.
   */
  static String config(Path dir, String rootPassword, boolean withSssvlv) {
    List<Entry> entries = new ArrayList<>();
    entries.add(
        new Entry(
            "cn=config",
            new Attribute("objectClass", "olcGlobal"),
            new Attribute("cn", "config"),
            new Attribute("olcPidFile", dir.resolve("slapd.pid").toString()),
            new Attribute("olcArgsFile", dir.resolve("slapd.args").toString())));

    List<String> modules =
        new ArrayList<>(List.of("back_mdb", "memberof", "refint", "ppolicy", "syncprov"));
    if (withSssvlv) {
      modules.add("sssvlv");
    }
    entries.add(
        new Entry(
            "cn=module{0},cn=config",
            new Attribute("objectClass", "olcModuleList"),
            new Attribute("cn", "module{0}"),
            new Attribute("olcModulePath", MODULE_DIR),
            new Attribute("olcModuleLoad", indexed(modules))));

    StringBuilder ldif = new StringBuilder();
    for (Entry entry : entries) {
      ldif.append(entry.toLDIFString()).append('\n');
    }
    ldif.append(schema()).append('\n');

    List<Entry> databases = List.of(frontend(), configDatabase(), mdb(dir, rootPassword));
    for (Entry entry : databases) {
      ldif.append(entry.toLDIFString()).append('\n');
    }
    for (Entry entry : overlays(withSssvlv)) {
      ldif.append(entry.toLDIFString()).append('\n');
    }
    return ldif.toString();
  }

  /** The base entries: the suffix, the two containers and the default password policy. */
  static String base() {
    List<Entry> entries =
        List.of(
            new Entry(
                Slapd.BASE_DN,
                new Attribute("objectClass", "dcObject", "organization"),
                new Attribute("dc", "example"),
                new Attribute("o", "Example")),
            new Entry(
                Slapd.PEOPLE_DN,
                new Attribute("objectClass", "organizationalUnit"),
                new Attribute("ou", "people")),
            new Entry(
                Slapd.GROUPS_DN,
                new Attribute("objectClass", "organizationalUnit"),
                new Attribute("ou", "groups")),
            // pwdLockout TRUE is what makes slapd honour pwdAccountLockedTime at bind; with no
            // pwdMaxFailure, failed binds never lock an account.
            new Entry(
                Slapd.PASSWORD_POLICY_DN,
                new Attribute("objectClass", "organizationalRole", "pwdPolicy"),
                new Attribute("cn", "ppolicy"),
                new Attribute("pwdAttribute", "userPassword"),
                new Attribute("pwdLockout", "TRUE")));
    StringBuilder ldif = new StringBuilder();
    for (Entry entry : entries) {
      ldif.append(entry.toLDIFString()).append('\n');
    }
    return ldif.toString();
  }

  /** A salted SHA-1 hash in the {@code {SSHA}} form that slapd verifies natively. */
  static String ssha(String password) {
    byte[] salt = new byte[8];
    new SecureRandom().nextBytes(salt);
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(password.getBytes(StandardCharsets.UTF_8));
      sha1.update(salt);
      byte[] digest = sha1.digest();
      byte[] hashAndSalt = new byte[digest.length + salt.length];
      System.arraycopy(digest, 0, hashAndSalt, 0, digest.length);
      System.arraycopy(salt, 0, hashAndSalt, digest.length, salt.length);
      return "{SSHA}" + Base64.getEncoder().encodeToString(hashAndSalt);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }

  private static String schema() {
    StringBuilder ldif =
        new StringBuilder()
            .append("dn: cn=schema,cn=config\n")
            .append("objectClass: olcSchemaConfig\n")
            .append("cn: schema\n");
    for (String name : SCHEMAS) {
      ldif.append("\ninclude: file://")
          .append(SCHEMA_DIR)
          .append('/')
          .append(name)
          .append(".ldif\n");
    }
    return ldif.toString();
  }

  /**
   * The frontend: who reads the root DSE and schema; and group members kept sorted, as OpenLDAP
   * advises for large groups, so that the directory finds a member, or a duplicate of one being
   * added, without comparing every value.
   */
  private static Entry frontend() {
    return new Entry(
        "olcDatabase={-1}frontend,cn=config",
        new Attribute("objectClass", "olcDatabaseConfig", "olcFrontendConfig"),
        new Attribute("olcDatabase", "{-1}frontend"),
        new Attribute("olcSortVals", "member"),
        new Attribute(
            "olcAccess",
            "{0}to dn.base=\"\" by * read",
            "{1}to dn.base=\"cn=Subschema\" by * read"));
  }

  /** The admin of the data tree may also read and change {@code cn=config} (e.g. limits). */
  private static Entry configDatabase() {
    return new Entry(
        "olcDatabase={0}config,cn=config",
        new Attribute("objectClass", "olcDatabaseConfig"),
        new Attribute("olcDatabase", "{0}config"),
        new Attribute(
            "olcAccess", "{0}to * by dn.exact=\"" + Slapd.ADMIN_DN + "\" manage by * none"));
  }

  private static Entry mdb(Path dir, String rootPassword) {
    return new Entry(
        MDB,
        new Attribute("objectClass", "olcDatabaseConfig", "olcMdbConfig"),
        new Attribute("olcDatabase", "{1}mdb"),
        new Attribute("olcSuffix", Slapd.BASE_DN),
        new Attribute("olcRootDN", Slapd.ADMIN_DN),
        new Attribute("olcRootPW", ssha(rootPassword)),
        new Attribute("olcDbDirectory", dir.resolve("db").toString()),
        new Attribute("olcDbMaxSize", String.valueOf(1L << 30)),
        new Attribute("olcDbNoSync", "TRUE"),
        new Attribute(
            "olcDbIndex",
            "objectClass eq",
            "entryUUID eq",
            "uid,cn,mail,sn,givenName,displayName eq,sub",
            "member,manager eq",
            "memberOf eq"),
        // Anonymous may read (but never see passwords); writes need a bind and an ACL grant,
        // which only the root DN (exempt from ACLs) and users changing their own password have.
        new Attribute(
            "olcAccess",
            "{0}to attrs=userPassword by self write by anonymous auth by * none",
            "{1}to * by * read"));
  }

  private static List<Entry> overlays(boolean withSssvlv) {
    List<Entry> overlays = new ArrayList<>();
    overlays.add(
        new Entry(
            overlayDn(0, "memberof"),
            new Attribute("objectClass", "olcOverlayConfig", "olcMemberOfConfig"),
            new Attribute("olcOverlay", "{0}memberof"),
            new Attribute("olcMemberOfRefInt", "TRUE"),
            new Attribute("olcMemberOfGroupOC", "groupOfNames"),
            new Attribute("olcMemberOfMemberAD", "member"),
            new Attribute("olcMemberOfMemberOfAD", "memberOf")));
    overlays.add(
        new Entry(
            overlayDn(1, "refint"),
            new Attribute("objectClass", "olcOverlayConfig", "olcRefintConfig"),
            new Attribute("olcOverlay", "{1}refint"),
            new Attribute("olcRefintAttribute", "member")));
    overlays.add(
        new Entry(
            overlayDn(2, "ppolicy"),
            new Attribute("objectClass", "olcOverlayConfig", "olcPPolicyConfig"),
            new Attribute("olcOverlay", "{2}ppolicy"),
            new Attribute("olcPPolicyDefault", Slapd.PASSWORD_POLICY_DN)));
    overlays.add(
        new Entry(
            overlayDn(3, "syncprov"),
            new Attribute("objectClass", "olcOverlayConfig", "olcSyncProvConfig"),
            new Attribute("olcOverlay", "{3}syncprov")));
    if (withSssvlv) {
      overlays.add(
          new Entry(
              overlayDn(4, "sssvlv"),
              new Attribute("objectClass", "olcOverlayConfig", "olcSssVlvConfig"),
              new Attribute("olcOverlay", "{4}sssvlv")));
    }
    return overlays;
  }

  private static String overlayDn(int index, String name) {
    try {
      return new DN(new RDN("olcOverlay", "{" + index + "}" + name), new DN(MDB)).toString();
    } catch (LDAPException e) {
      throw new IllegalStateException("constant DN does not parse: " + MDB, e);
    }
  }

  private static String[] indexed(List<String> values) {
    String[] result = new String[values.size()];
    for (int i = 0; i < values.size(); i++) {
      result[i] = "{" + i + "}" + values.get(i);
    }
    return result;
  }
}
