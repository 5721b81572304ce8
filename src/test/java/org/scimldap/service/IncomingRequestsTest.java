package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.ScimType;
import org.scimldap.scim.patch.PatchOperation;
import org.scimldap.scim.patch.PatchRequestParser;
import org.scimldap.scim.schema.CoreSchemas;
import org.scimldap.testsupport.CapturedLog;

/**
 * The checks a PATCH passes before the resource is read: a path naming nothing is refused with the
 * index of its operation, and a path of an extension the type does not have is logged at INFO once.
 */
class IncomingRequestsTest {
  private static final String CUSTOM =
      "urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User";

  private CapturedLog logged;

  @BeforeEach
  void listen() {
    logged = CapturedLog.of(IncomingRequests.class, Level.DEBUG);
  }

  @AfterEach
  void stopListening() {
    logged.close();
  }

  @Test
  void aPathNamingNoAttributeIsInvalidPathWithItsIndex() {
    IncomingRequests incoming = new IncomingRequests(CoreSchemas.userResource());
    ScimException e =
        assertThrows(
            ScimException.class,
            () ->
                incoming.checkOperations(
                    operations(
                        "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"},"
                            + "{\"op\":\"add\",\"path\":\""
                            + CoreSchemas.ENTERPRISE_USER_URN
                            + ":employeNumber\",\"value\":\"1\"}")));
    assertEquals(ScimType.INVALID_PATH, e.scimType().orElseThrow());
    assertEquals(
        "Operations[1]: path '"
            + CoreSchemas.ENTERPRISE_USER_URN
            + ":employeNumber': schema "
            + CoreSchemas.ENTERPRISE_USER_URN
            + " has no attribute 'employeNumber'",
        e.detail());
  }

  @Test
  void pathsOfAnUnknownExtensionAreLoggedAtInfoOnceEach() {
    IncomingRequests incoming = new IncomingRequests(CoreSchemas.userResource());
    List<PatchOperation> ops =
        operations(
            "{\"op\":\"add\",\"path\":\""
                + CUSTOM
                + ":CustomAttribute\",\"value\":\"z\"},"
                + "{\"op\":\"replace\",\"value\":{\""
                + CUSTOM
                + "\":{\"a\":1},\"title\":\"t\",\"favouriteColour\":\"blue\"}}");
    incoming.checkOperations(ops);
    incoming.checkOperations(ops);

    List<String> info =
        logged.events().stream()
            .filter(e -> e.getLevel() == Level.INFO)
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    assertEquals(2, info.size(), info.toString());
    assertEquals(
        "Ignoring PATCH of '"
            + CUSTOM
            + ":CustomAttribute': User has no such schema (logged once per path)",
        info.get(0));
    assertEquals(
        "Ignoring PATCH of '" + CUSTOM + "': User has no such schema (logged once per path)",
        info.get(1));
    assertEquals(
        2, logged.events().stream().filter(e -> e.getLevel() == Level.DEBUG).count(), "then DEBUG");
  }

  private static List<PatchOperation> operations(String operations) {
    try {
      return PatchRequestParser.parse(
          new ObjectMapper()
              .readTree(
                  "{\"schemas\":[\""
                      + PatchRequestParser.PATCH_OP_URN
                      + "\"],\"Operations\":["
                      + operations
                      + "]}"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
