package org.scimldap.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Hostile pieces of SCIM requests drawn from a seeded {@link Random}: strings full of LDAP filter
 * and DN metacharacters, control characters and NUL, huge strings, values of the wrong JSON type,
 * deep nesting, broken JSON, invalid UTF-8 and UTF-16, unknown schemas, hostile filters and PATCH
 * paths. The same seed gives the same inputs.
 */
final class HostileInputs {
  static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String PATCH_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  static final String SEARCH_URN = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final List<String> NASTY =
      List.of(
          "",
          " ",
          "*",
          "*)(uid=*",
          ")(|(objectClass=*)",
          "\\",
          "\\2a",
          "a,b=c",
          "cn=admin,dc=example,dc=com",
          "+uid=x",
          "#hash",
          "<>;\"",
          "\"quoted\"",
          "\u0000",
          "a\u0000b",
          "\u0001\u001f\u007f",
          "\r\n",
          "\t",
          "\ud800",
          "\udfff",
          "\ud83d\ude00",
          "\ufeff",
          "\ufffe",
          "é",
          "../../etc/passwd",
          "${jndi:ldap://x}",
          "%00",
          "null",
          "true",
          "1e999",
          "-0",
          "urn:ietf:params:scim:schemas:core:2.0:User:userName",
          "emails[type eq \"work\"].value");

  private static final List<String> USER_PATHS =
      List.of(
          "userName",
          "displayName",
          "name",
          "name.givenName",
          "name.familyName",
          "emails",
          "emails[type eq \"work\"].value",
          "emails[type eq \"work\"]",
          "emails[value co \"*\"]",
          "phoneNumbers[type eq \"mobile\"].value",
          "addresses[type eq \"work\"].locality",
          "active",
          "title",
          "password",
          "groups",
          "id",
          "meta",
          "meta.version",
          "externalId",
          ENTERPRISE_URN + ":employeeNumber",
          ENTERPRISE_URN + ":manager",
          ENTERPRISE_URN + ":manager.value",
          USER_URN + ":userName",
          "urn:example:unknown:1.0:User:thing",
          "x509Certificates",
          "roles[primary eq true]",
          "emails[",
          "emails]",
          "emails[type eq]",
          "emails[type eq \"a\"].value.sub",
          "name..givenName",
          ".",
          "",
          "a.b.c.d.e",
          "members[value eq \"x*)(uid=*\"]",
          "emails[type eq \"\u0000\"]",
          "emails[not(type eq \"work\")]",
          "emails[type eq \"work\" or value pr]");

  private static final List<String> GROUP_PATHS =
      List.of(
          "displayName",
          "members",
          "members[value eq \"00000000-0000-0000-0000-000000000000\"]",
          "members[value eq \"*\"]",
          "members[display co \"a\"]",
          "members.value",
          "members[",
          "externalId",
          "id",
          "urn:example:unknown:Group:x",
          GROUP_URN + ":displayName");

  private static final List<String> FILTER_ATTRIBUTES =
      List.of(
          "userName",
          "displayName",
          "name.givenName",
          "emails.value",
          "emails",
          "emails[type eq \"work\"].value",
          "meta.lastModified",
          "meta.created",
          "id",
          "externalId",
          "active",
          "members.value",
          "groups.value",
          ENTERPRISE_URN + ":employeeNumber",
          USER_URN + ":userName",
          "unknownAttr",
          "a.b.c",
          "1abc",
          "urn:x");

  private static final List<String> OPERATORS =
      List.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "EQ", "xx", "");

  private final Random random;

  HostileInputs(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  /** A hostile string: metacharacters, control characters, a mix of them, or a huge one. */
  String string() {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return huge();
    }
    if (kind < 3) {
      StringBuilder s = new StringBuilder();
      int n = 1 + random.nextInt(12);
      for (int i = 0; i < n; i++) {
        s.append((char) random.nextInt(kind == 1 ? 0x80 : 0x10000));
      }
      return s.toString();
    }
    if (kind < 5) {
      return "u" + random.nextInt(1000) + pick(NASTY) + pick(NASTY);
    }
    return pick(NASTY);
  }

  String huge() {
    return pick(List.of("x", "*", "\\", "é", "(", "\u0000"))
        .repeat(1 + random.nextInt(random.nextInt(10) == 0 ? 300_000 : 9_000));
  }

  /** Any JSON value, of any type, possibly nested deep. */
  JsonNode value() {
    return switch (random.nextInt(12)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(random.nextDouble() * 1e308);
      case 4 -> deep(1 + random.nextInt(80));
      case 5 -> {
        ArrayNode a = NODES.arrayNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.add(chance(50) ? NODES.textNode(string()) : multiValue());
        }
        yield a;
      }
      case 6 -> multiValue();
      default -> NODES.textNode(string());
    };
  }

  /** A member of a multi-valued attribute such as emails or members, with hostile parts. */
  ObjectNode multiValue() {
    ObjectNode o = NODES.objectNode();
    o.set("value", chance(70) ? NODES.textNode(string()) : value0());
    if (chance(50)) {
      o.set("type", chance(50) ? NODES.textNode("work") : NODES.textNode(string()));
    }
    if (chance(20)) {
      o.set("primary", chance(50) ? NODES.booleanNode(true) : NODES.textNode(string()));
    }
    if (chance(10)) {
      o.set("$ref", NODES.textNode(string()));
    }
    return o;
  }

  private JsonNode value0() {
    return chance(50) ? NODES.numberNode(random.nextInt()) : NODES.objectNode();
  }

  /** Arrays or objects nested {@code depth} levels. */
  JsonNode deep(int depth) {
    JsonNode inner = NODES.textNode("bottom");
    for (int i = 0; i < depth; i++) {
      if (random.nextBoolean()) {
        inner = NODES.arrayNode().add(inner);
      } else {
        ObjectNode o = NODES.objectNode();
        o.set("value", inner);
        inner = o;
      }
    }
    return inner;
  }

  /** A user body that starts valid and is then damaged in a few places. */
  ObjectNode user(String userName) {
    ObjectNode u = NODES.objectNode();
    u.putArray("schemas").add(USER_URN);
    u.put("userName", userName);
    u.putObject("name").put("givenName", "Fuzz").put("familyName", "Case");
    u.putArray("emails").addObject().put("value", userName + "@example.com").put("type", "work");
    int damage = 1 + random.nextInt(3);
    for (int i = 0; i < damage; i++) {
      damage(u, USER_PATHS);
    }
    return u;
  }

  ObjectNode group(String displayName) {
    ObjectNode g = NODES.objectNode();
    g.putArray("schemas").add(GROUP_URN);
    g.put("displayName", displayName);
    g.putArray("members");
    int damage = 1 + random.nextInt(3);
    for (int i = 0; i < damage; i++) {
      damage(g, GROUP_PATHS);
    }
    return g;
  }

  private void damage(ObjectNode resource, List<String> paths) {
    switch (random.nextInt(8)) {
      case 0 -> resource.set("schemas", chance(50) ? value() : schemas());
      case 1 -> resource.remove(pick(List.of("schemas", "userName", "displayName", "name")));
      case 2 -> resource.set(string(), value());
      case 3 -> {
        ObjectNode ext = NODES.objectNode();
        ext.set(pick(List.of("employeeNumber", "manager", "department", string())), value());
        resource.set(chance(70) ? ENTERPRISE_URN : "urn:" + string(), ext);
      }
      default -> resource.set(topName(pick(paths)), value());
    }
  }

  private ArrayNode schemas() {
    ArrayNode a = NODES.arrayNode();
    a.add(pick(List.of(USER_URN, GROUP_URN, "urn:unknown", string(), ENTERPRISE_URN)));
    if (chance(50)) {
      a.add("urn:ietf:params:scim:schemas:extension:" + string());
    }
    return a;
  }

  private static String topName(String path) {
    int cut = path.length();
    for (char c : new char[] {'.', '['}) {
      int at = path.indexOf(c, path.startsWith("urn:") ? path.lastIndexOf(':') : 0);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    return path.substring(0, cut);
  }

  /** A PATCH request body with hostile operations, paths and values. */
  ObjectNode patch(boolean forGroup) {
    ObjectNode p = NODES.objectNode();
    p.putArray("schemas").add(chance(90) ? PATCH_URN : string());
    ArrayNode ops = p.putArray("Operations");
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      ObjectNode op = ops.addObject();
      op.put(
          "op", pick(List.of("add", "replace", "remove", "Add", "REPLACE", "move", "", string())));
      if (chance(80)) {
        op.put("path", chance(80) ? pick(forGroup ? GROUP_PATHS : USER_PATHS) : string());
      }
      if (chance(80)) {
        op.set("value", value());
      }
    }
    if (chance(5)) {
      p.set("Operations", value());
    }
    return p;
  }

  /** A hostile filter: valid shapes with nasty values, broken syntax, deep or long ones. */
  String filter() {
    return switch (random.nextInt(10)) {
      case 0 -> "(".repeat(1 + random.nextInt(200)) + "userName eq \"x\"" + ")".repeat(100);
      case 1 -> "not(".repeat(1 + random.nextInt(100)) + "userName pr" + ")".repeat(100);
      case 2 -> {
        StringBuilder s = new StringBuilder("userName eq \"a\"");
        int n = random.nextInt(400);
        for (int i = 0; i < n; i++) {
          s.append(random.nextBoolean() ? " or " : " and ").append(comparison());
        }
        yield s.toString();
      }
      case 3 -> string();
      case 4 -> comparison() + " " + pick(List.of("and", "or", "")) + " " + string();
      case 5 -> "emails[" + comparison() + "]" + (chance(50) ? ".value eq \"x\"" : "");
      default -> comparison();
    };
  }

  private String comparison() {
    String attribute = pick(FILTER_ATTRIBUTES);
    String op = pick(OPERATORS);
    if (op.equals("pr")) {
      return attribute + " pr";
    }
    String literal =
        switch (random.nextInt(6)) {
          case 0 -> String.valueOf(random.nextInt());
          case 1 -> pick(List.of("true", "false", "null", "TRUE"));
          case 2 -> "\"" + string().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
          case 3 -> "\"" + string() + "\"";
          case 4 -> "\"2024-01-01T00:00:00Z\"";
          default -> JSON.valueToTree(string()).toString();
        };
    return attribute + " " + op + " " + literal;
  }

  /** The bytes of a body: JSON, broken JSON, invalid UTF-8, UTF-16, or nothing. */
  byte[] bytes(JsonNode body) {
    String json = body.toString();
    return switch (random.nextInt(14)) {
      case 0 ->
          json.substring(0, random.nextInt(json.length() + 1)).getBytes(StandardCharsets.UTF_8);
      case 1 -> invalidUtf8(json);
      case 2 -> json.getBytes(StandardCharsets.UTF_16);
      case 3 -> json.getBytes(StandardCharsets.UTF_16LE);
      case 4 -> new byte[0];
      case 5 -> ("[".repeat(5000) + "]".repeat(5000)).getBytes(StandardCharsets.UTF_8);
      case 6 -> ("{\"a\":".repeat(3000) + "1" + "}".repeat(3000)).getBytes(StandardCharsets.UTF_8);
      case 7 -> json.replace("\"", "'").getBytes(StandardCharsets.UTF_8);
      case 8 -> (json + json).getBytes(StandardCharsets.UTF_8);
      case 9 -> json.replace(":", ": \\ud800").getBytes(StandardCharsets.UTF_8);
      default -> json.getBytes(StandardCharsets.UTF_8);
    };
  }

  private byte[] invalidUtf8(String json) {
    byte[] valid = json.getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
    int at = random.nextInt(valid.length + 1);
    byte[] out = new byte[valid.length + bad.length];
    System.arraycopy(valid, 0, out, 0, at);
    System.arraycopy(bad, 0, out, at, bad.length);
    System.arraycopy(valid, at, out, at + bad.length, valid.length - at);
    return out;
  }
}
