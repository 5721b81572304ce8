package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.scimldap.mapping.entry.References;
import org.scimldap.scim.JsonText;

/** A kept answer is reused only for the very same inputs, and what is kept stays bounded. */
class PresentedResourcesTest {
  private static final String DN = "uid=alice,ou=people,dc=example,dc=com";
  private static final References.Target BOB = new References.Target("b-1", "User");
  private static final References.Membership STAFF =
      new References.Membership("g-1", "Group", "Staff");

  private final ObjectNode body =
      JsonNodeFactory.instance.objectNode().put("id", "a-1").put("userName", "alice");
  private final byte[] text = JsonText.of(body);
  private final Resource presented = new Resource(body, text, "W/\"1\"", "http://test/Users/a-1");

  private static Entry alice() {
    return new Entry(
        DN,
        new Attribute("uid", "alice"),
        new Attribute("mail", "alice@example.com", "a@example.com"),
        new Attribute("manager", "uid=bob,ou=people,dc=example,dc=com"),
        new Attribute("jpegPhoto", new byte[] {(byte) 0xFF, 0, (byte) 0xFE}));
  }

  private static PresentedResources.Inputs inputs(Entry entry) {
    return new PresentedResources.Inputs(
        entry, "ext-1", "{\"x\":1}", true, List.of(BOB), List.of(STAFF));
  }

  @Test
  void theSameInputsGiveTheKeptTextVersionAndLocation() {
    PresentedResources kept = new PresentedResources();
    kept.keep("a-1", inputs(alice()), text, presented, true);

    Resource reused = kept.reuse("a-1", inputs(alice())).orElseThrow();

    assertArrayEquals(text, reused.text().orElseThrow());
    assertEquals(body, reused.body());
    assertEquals("W/\"1\"", reused.version());
    assertEquals("http://test/Users/a-1", reused.location());
    assertEquals(1, kept.reused());
    assertTrue(kept.reuse("other", inputs(alice())).isEmpty());
  }

  @Test
  void eachBodyReadFromTheTextIsItsOwn() {
    PresentedResources kept = new PresentedResources();
    kept.keep("a-1", inputs(alice()), text, presented, true);

    kept.reuse("a-1", inputs(alice())).orElseThrow().body().put("userName", "changed");

    assertEquals(
        "alice", kept.reuse("a-1", inputs(alice())).orElseThrow().body().path("userName").asText());
  }

  @Test
  void anyDifferenceInTheEntryIsAnotherInput() {
    List<Function<Entry, Entry>> changes = new ArrayList<>();
    changes.add(e -> replaced(e, new Attribute("uid", "alicf")));
    changes.add(e -> replaced(e, new Attribute("mail", "a@example.com", "alice@example.com")));
    changes.add(e -> replaced(e, new Attribute("mail", "alice@example.com")));
    changes.add(
        e -> replaced(e, new Attribute("jpegPhoto", new byte[] {(byte) 0xFF, 0, (byte) 0xFD})));
    changes.add(e -> replaced(e, new Attribute("uid", "alice", "")));
    changes.add(
        e -> {
          Entry c = e.duplicate();
          c.addAttribute("title", "Reader");
          return c;
        });
    changes.add(
        e -> {
          Entry c = e.duplicate();
          c.removeAttribute("manager");
          return c;
        });
    changes.add(e -> new Entry(DN.toUpperCase(), e.getAttributes()));
    changes.add(e -> new Entry(DN.replace("alice", "alicf"), e.getAttributes()));
    // The same values under other attributes, and attributes in another order.
    changes.add(
        e ->
            new Entry(
                DN,
                new Attribute("mail", "alice"),
                new Attribute("uid", "alice@example.com", "a@example.com"),
                e.getAttribute("manager"),
                e.getAttribute("jpegPhoto")));
    changes.add(
        e -> {
          List<Attribute> reversed = new ArrayList<>(e.getAttributes());
          java.util.Collections.reverse(reversed);
          return new Entry(DN, reversed);
        });
    byte[] original = inputs(alice()).bytes();
    for (int i = 0; i < changes.size(); i++) {
      Entry changed = changes.get(i).apply(alice());
      assertFalse(inputs(changed).same(original), "change " + i);
    }
    assertTrue(inputs(alice()).same(original));
  }

  /**
   * Comparing inputs with kept bytes, which writes nothing, agrees with writing them out and
   * comparing the arrays: for text beyond ASCII, and for kept bytes that are a part of the inputs
   * or go on after them.
   */
  @Test
  void comparingWithKeptBytesAgreesWithWritingThemOut() {
    List<Supplier<PresentedResources.Inputs>> variants =
        List.of(
            () -> inputs(alice()),
            () ->
                inputs(
                    new Entry(
                        "uid=\u00e9lise,ou=people,dc=example,dc=com", alice().getAttributes())),
            () ->
                new PresentedResources.Inputs(
                    alice(), "\u00e9-1", null, false, List.of(), List.of()),
            () ->
                new PresentedResources.Inputs(
                    alice(),
                    "\ud83d\ude00",
                    "{}",
                    true,
                    Arrays.asList((References.Target) null),
                    List.of()),
            () -> inputs(replaced(alice(), new Attribute("cn", "Ren\u00e9e"))));
    for (Supplier<PresentedResources.Inputs> kept : variants) {
      byte[] written = kept.get().bytes();
      List<byte[]> others =
          List.of(
              written,
              Arrays.copyOf(written, written.length - 1),
              Arrays.copyOf(written, written.length + 1),
              Arrays.copyOfRange(written, 1, written.length),
              new byte[0]);
      for (Supplier<PresentedResources.Inputs> compared : variants) {
        byte[] comparedWritten = compared.get().bytes();
        for (byte[] other : others) {
          assertEquals(
              Arrays.equals(comparedWritten, other),
              compared.get().same(other),
              "the same when compared as when written out");
        }
      }
    }
    assertTrue(variants.get(1).get().same(variants.get(1).get().bytes()));
    assertFalse(variants.get(1).get().same(variants.get(0).get().bytes()));
  }

  @Test
  void anyDifferenceInTheStoreOrTheReferencesIsAnotherInput() {
    Entry e = alice();
    byte[] original = inputs(e).bytes();
    List<PresentedResources.Inputs> others =
        List.of(
            new PresentedResources.Inputs(e, null, "{\"x\":1}", true, List.of(BOB), List.of(STAFF)),
            new PresentedResources.Inputs(e, "", "{\"x\":1}", true, List.of(BOB), List.of(STAFF)),
            new PresentedResources.Inputs(
                e, "ext-2", "{\"x\":1}", true, List.of(BOB), List.of(STAFF)),
            new PresentedResources.Inputs(e, "ext-1", null, true, List.of(BOB), List.of(STAFF)),
            new PresentedResources.Inputs(
                e, "ext-1", "{\"x\":2}", true, List.of(BOB), List.of(STAFF)),
            new PresentedResources.Inputs(
                e, "ext-1", "{\"x\":1}", false, List.of(BOB), List.of(STAFF)),
            new PresentedResources.Inputs(
                e,
                "ext-1",
                "{\"x\":1}",
                true,
                Arrays.asList((References.Target) null),
                List.of(STAFF)),
            new PresentedResources.Inputs(
                e,
                "ext-1",
                "{\"x\":1}",
                true,
                List.of(new References.Target("b-2", "User")),
                List.of(STAFF)),
            new PresentedResources.Inputs(
                e,
                "ext-1",
                "{\"x\":1}",
                true,
                List.of(new References.Target("b-1", "Group")),
                List.of(STAFF)),
            new PresentedResources.Inputs(e, "ext-1", "{\"x\":1}", true, List.of(BOB), List.of()),
            new PresentedResources.Inputs(
                e,
                "ext-1",
                "{\"x\":1}",
                true,
                List.of(BOB),
                List.of(new References.Membership("g-1", "Group", "Staff 2"))),
            new PresentedResources.Inputs(
                e,
                "ext-1",
                "{\"x\":1}",
                true,
                List.of(BOB),
                List.of(new References.Membership("g-2", "Group", "Staff"))),
            // A string is not confused with its neighbours: where one ends matters.
            new PresentedResources.Inputs(
                e, "ext-1{", "\"x\":1}", true, List.of(BOB), List.of(STAFF)));
    for (int i = 0; i < others.size(); i++) {
      assertFalse(others.get(i).same(original), "input " + i);
    }
  }

  @Test
  void textOutsideAsciiIsComparedWhole() {
    Entry e = alice();
    byte[] original =
        new PresentedResources.Inputs(e, "Zoë", null, true, List.of(), List.of()).bytes();

    assertFalse(
        new PresentedResources.Inputs(e, "Zoé", null, true, List.of(), List.of()).same(original));
    assertFalse(
        new PresentedResources.Inputs(e, "Zo\uD83D\uDE00", null, true, List.of(), List.of())
            .same(original));
    assertTrue(
        new PresentedResources.Inputs(
                e,
                new String("Zoë".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                null,
                true,
                List.of(),
                List.of())
            .same(original));
  }

  @Test
  void whatIsKeptStaysWithinItsBounds() {
    PresentedResources kept = new PresentedResources(3, 1L << 20);
    for (int i = 0; i < 5; i++) {
      kept.keep("id-" + i, inputs(alice()), text, presented, true);
    }
    assertEquals(3, kept.size());
    assertTrue(kept.reuse("id-0", inputs(alice())).isEmpty());
    assertTrue(kept.reuse("id-4", inputs(alice())).isPresent());

    long one = kept.bytes() / 3;
    PresentedResources small = new PresentedResources(100, 2 * one + one / 2);
    for (int i = 0; i < 5; i++) {
      small.keep("id-" + i, inputs(alice()), text, presented, true);
    }
    assertEquals(2, small.size());
    assertTrue(small.bytes() <= 2 * one + one / 2);

    byte[] large = new byte[PresentedResources.LARGEST];
    Arrays.fill(large, (byte) ' ');
    kept.keep("id-4", inputs(alice()), large, presented, true);
    assertTrue(kept.reuse("id-4", inputs(alice())).isEmpty(), "a resource too large to keep");
  }

  @Test
  void aPageOnlyFillsTheRoomLeft() {
    PresentedResources kept = new PresentedResources(2, 1L << 20);
    kept.keep("a", inputs(alice()), text, presented, true);
    kept.keep("b", inputs(alice()), text, presented, false);
    assertFalse(kept.roomFor("c"));
    assertTrue(kept.roomFor("a") && kept.roomFor("b"));

    kept.keep("c", inputs(alice()), text, presented, false);
    assertTrue(kept.reuse("c", inputs(alice())).isEmpty(), "no room: not kept");
    assertTrue(kept.reuse("a", inputs(alice())).isPresent(), "nothing dropped for it");
    kept.keep("b", inputs(alice()), new byte[] {'{', '}'}, presented, false);
    assertArrayEquals(
        new byte[] {'{', '}'}, kept.reuse("b", inputs(alice())).orElseThrow().text().orElseThrow());

    kept.keep("c", inputs(alice()), text, presented, true);
    assertTrue(kept.reuse("c", inputs(alice())).isPresent(), "a single read makes room");
    assertEquals(2, kept.size());
  }

  private static Entry replaced(Entry e, Attribute a) {
    Entry c = e.duplicate();
    c.setAttribute(a);
    return c;
  }
}
