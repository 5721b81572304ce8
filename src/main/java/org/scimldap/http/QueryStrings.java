package org.scimldap.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.scimldap.scim.ScimException;

/**
 * Checks a raw query string before its parameters are read: every {@code %} must start a two-digit
 * hex escape and the escapes must spell UTF-8 (RFC 3986 §2.1, §2.5). The HTTP server would
 * otherwise drop a badly escaped parameter or replace its bytes, and a dropped {@code filter} lists
 * everything.
 */
final class QueryStrings {
  private QueryStrings() {}

  static void requireWellFormed(String query) {
    if (query == null || query.indexOf('%') < 0) {
      // Without an escape, every character is its own UTF-8: nothing can be badly escaped.
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c < 0x80 && c != '%') {
        bytes.write(c);
      } else if (c == '%') {
        if (i + 2 >= query.length()
            || hex(query.charAt(i + 1)) < 0
            || hex(query.charAt(i + 2)) < 0) {
          throw ScimException.invalidValue(
              "The query string has a bad percent escape at position " + i);
        }
        bytes.write(hex(query.charAt(i + 1)) * 16 + hex(query.charAt(i + 2)));
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()));
    } catch (CharacterCodingException e) {
      throw ScimException.invalidValue("The query string is not UTF-8 once unescaped");
    }
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
