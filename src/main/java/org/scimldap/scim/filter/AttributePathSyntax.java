package org.scimldap.scim.filter;

import org.scimldap.scim.filter.FilterLexer.Token;
import org.scimldap.scim.path.AttributePath;

/**
 * Reads an {@code attrPath} (RFC 7644 §3.4.2.2: {@code [URI ":"] ATTRNAME *1subAttr}) out of one
 * word token. The schema URN is everything before the last colon, so {@code
 * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value} has the URN {@code
 * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}, the name {@code manager} and the
 * sub-attribute {@code value}. Names follow {@code ATTRNAME = ALPHA *(nameChar)} (RFC 7643 §2.1),
 * and {@code $ref} is accepted as well.
 */
final class AttributePathSyntax {
  private AttributePathSyntax() {}

  static AttributePath parse(Token word, TokenCursor cursor) {
    String text = word.text();
    int colon = text.lastIndexOf(':');
    String urn = null;
    if (colon >= 0) {
      urn = text.substring(0, colon);
      if (urn.length() <= 4 || !urn.regionMatches(true, 0, "urn:", 0, 4)) {
        throw cursor.error(
            "Invalid schema URN %s in attribute path %s at position %d",
            FilterLexer.quote(urn), word.quoted(), word.pos());
      }
    }
    int nameStart = colon + 1;
    int dot = text.indexOf('.', nameStart);
    String name = dot < 0 ? text.substring(nameStart) : text.substring(nameStart, dot);
    checkName(name, word, nameStart, cursor);
    String sub = null;
    if (dot >= 0) {
      sub = text.substring(dot + 1);
      checkName(sub, word, dot + 1, cursor);
    }
    return new AttributePath(urn, name, sub);
  }

  /** Reads the {@code .subAttr} that may follow the closing bracket of a PATCH value path. */
  static String subAttribute(Token word, TokenCursor cursor) {
    if (!word.text().startsWith(".")) {
      throw cursor.error(
          "Expected '.' and a sub-attribute after ']' but found %s at position %d",
          word.quoted(), word.pos());
    }
    String sub = word.text().substring(1);
    checkName(sub, word, 1, cursor);
    return sub;
  }

  private static void checkName(String name, Token word, int offset, TokenCursor cursor) {
    int at = word.pos() + offset;
    if (name.isEmpty()) {
      throw cursor.error("Missing attribute name in %s at position %d", word.quoted(), at);
    }
    if (name.equalsIgnoreCase("$ref")) {
      return;
    }
    if (!isAsciiLetter(name.charAt(0))) {
      throw cursor.error(
          "Attribute name %s must start with a letter, in %s at position %d",
          FilterLexer.quote(name), word.quoted(), at);
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
        throw cursor.error(
            "Invalid character '%c' in attribute path %s at position %d", c, word.quoted(), at + i);
      }
    }
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
