package org.scimldap.scim.filter;

import java.util.Objects;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.filter.FilterLexer.Kind;
import org.scimldap.scim.filter.FilterLexer.Token;
import org.scimldap.scim.path.AttributePath;
import org.scimldap.scim.path.ScimPath;

/**
 * Parses a PATCH operation {@code path} (RFC 7644 §3.5.2: {@code PATH = attrPath / valuePath
 * [subAttr]}) into a {@link ScimPath}, e.g. {@code name.givenName}, {@code emails[type eq
 * "work"].value} or {@code
 * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}.
 *
 * <p>The schema URN is everything before the last colon, so a bare schema URN such as {@code
 * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User} reads as the URN {@code
 * ...:enterprise:2.0} and the name {@code User}; callers that accept a whole extension as a target
 * recognise that case themselves.
 *
 * <p>Every error, including those in the bracketed filter, is {@link
 * ScimException#invalidPath(String)} with a detail that quotes the text involved and gives its
 * 0-based character position.
 */
public final class PathParser {
  private PathParser() {}

  /** Parses a complete PATCH path. */
  public static ScimPath parse(String path) {
    Objects.requireNonNull(path, "path");
    TokenCursor cursor = new TokenCursor(path, ScimException::invalidPath, "path");
    Token first = cursor.peek();
    if (first.kind() == Kind.END) {
      throw cursor.error("Empty path: expected an attribute path at position %d", first.pos());
    }
    if (first.kind() != Kind.WORD) {
      throw cursor.unexpected(first, "an attribute path");
    }
    cursor.next();
    AttributePath attribute = AttributePathSyntax.parse(first, cursor);
    if (cursor.peek().kind() != Kind.LBRACKET) {
      expectEnd(cursor, "'[' or the end of the path");
      return ScimPath.of(attribute);
    }
    ScimFilter filter = new FilterGrammar(cursor).bracketFilter(attribute, first, cursor.next());
    String sub = null;
    Token after = cursor.peek();
    if (after.kind() == Kind.WORD && after.pos() == cursor.previous().end()) {
      sub = AttributePathSyntax.subAttribute(after, cursor);
      cursor.next();
    }
    expectEnd(
        cursor,
        sub == null ? "'.' and a sub-attribute or the end of the path" : "the end of the path");
    return new ScimPath(attribute, filter, sub);
  }

  private static void expectEnd(TokenCursor cursor, String expected) {
    Token t = cursor.peek();
    if (t.kind() != Kind.END) {
      throw cursor.unexpected(t, expected);
    }
  }
}
