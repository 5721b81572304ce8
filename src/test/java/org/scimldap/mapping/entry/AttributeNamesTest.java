package org.scimldap.mapping.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AttributeNamesTest {
  @Test
  void numbersDistinctNamesInOrderAndFindsThemInAnyCase() {
    AttributeNames names =
        new AttributeNames(List.of("givenName", "sn", "GIVENNAME", "userCertificate;binary", "cn"));
    assertEquals(4, names.size());
    assertEquals(0, names.indexOf("givenname"));
    assertEquals(0, names.indexOf("GivenName"));
    assertEquals(1, names.indexOf("SN"));
    assertEquals(2, names.indexOf("usercertificate;BINARY"));
    assertEquals(3, names.indexOf("cn"));
  }

  @Test
  void knowsNoOtherName() {
    AttributeNames names = new AttributeNames(List.of("mail", "uid"));
    for (String other : List.of("", "mai", "mails", "userCertificate", "uid;binary", "ma1l")) {
      assertEquals(-1, names.indexOf(other), other);
    }
    assertEquals(-1, new AttributeNames(List.of()).indexOf("cn"));
  }

  @Test
  void findsEveryNameOfALargeSetWhateverItsCase() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add("attr" + Integer.toString(i * 7919, 36) + (i % 3 == 0 ? ";lang-en" : ""));
    }
    AttributeNames names = new AttributeNames(many);
    assertEquals(many.size(), names.size());
    for (int i = 0; i < many.size(); i++) {
      assertEquals(i, names.indexOf(many.get(i).toUpperCase(Locale.ROOT)), many.get(i));
      assertEquals(-1, names.indexOf(many.get(i) + "x"));
    }
  }
}
