package org.scimldap.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.scimldap.config.TokenHash;

/** Bearer tokens found by their hashes, and the last one a thread found remembered. */
class TokenClientsTest {
  private static final String OKTA_TOKEN = "okta-0123456789abcdef0123456789abcdef";
  private static final String ENTRA_TOKEN = "entra-0123456789abcdef0123456789abcde";

  private final Principal okta = new Principal("okta", Rights.ALL);
  private final Principal entra = new Principal("entra", Rights.ALL);
  private final TokenClients clients =
      new TokenClients(
          List.of(
              new TokenClients.Entry(TokenHash.of(OKTA_TOKEN), okta),
              new TokenClients.Entry(TokenHash.of(ENTRA_TOKEN), entra)));

  @Test
  void aTokenFoundAgainIsTheSameClientAndNoOtherTokenPassesForIt() {
    assertEquals(Optional.empty(), clients.rememberedFor(OKTA_TOKEN), "nothing found yet");
    assertEquals(Optional.of(okta), clients.find(OKTA_TOKEN));
    assertEquals(Optional.of(okta), clients.rememberedFor(OKTA_TOKEN), "found without a hash");
    assertEquals(Optional.of(okta), clients.find(OKTA_TOKEN), "found again");
    assertEquals(Optional.empty(), clients.find(OKTA_TOKEN.substring(1) + "X"), "same length");
    assertEquals(Optional.empty(), clients.find(OKTA_TOKEN.substring(0, 20)), "a prefix");
    assertEquals(Optional.empty(), clients.find(OKTA_TOKEN + OKTA_TOKEN), "longer");
    assertEquals(Optional.of(entra), clients.find(ENTRA_TOKEN), "another client on this thread");
    assertEquals(Optional.of(okta), clients.find(OKTA_TOKEN));
  }

  @Test
  void anUnknownTokenIsNotRemembered() {
    assertEquals(Optional.of(entra), clients.find(ENTRA_TOKEN));
    assertEquals(Optional.empty(), clients.find("not-a-token-0123456789abcdef0123456789"));
    assertEquals(Optional.empty(), clients.rememberedFor("not-a-token-0123456789abcdef0123456789"));
    assertEquals(
        Optional.of(entra), clients.rememberedFor(ENTRA_TOKEN), "the last token found stays");
  }

  @Test
  void eachThreadRemembersItsOwn() throws Exception {
    assertEquals(Optional.of(okta), clients.find(OKTA_TOKEN));
    Thread other =
        new Thread(
            () -> {
              if (clients.rememberedFor(OKTA_TOKEN).isPresent()) {
                throw new AssertionError("another thread's token was remembered here");
              }
            });
    AtomicReference<Throwable> failed = new AtomicReference<>();
    other.setUncaughtExceptionHandler((t, e) -> failed.set(e));
    other.start();
    other.join();
    assertNull(failed.get());
  }

  @Test
  void textsCompareWhole() {
    assertTrue(TokenClients.sameText("abc", "abc"));
    assertFalse(TokenClients.sameText("abd", "abc"));
    assertFalse(TokenClients.sameText("ab", "abc"));
    assertFalse(TokenClients.sameText("abcabc", "abc"), "a repetition of the text");
    assertFalse(TokenClients.sameText("", "abc"));
    assertFalse(TokenClients.sameText("abc", ""));
  }
}
