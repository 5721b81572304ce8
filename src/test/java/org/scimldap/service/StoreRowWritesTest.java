package org.scimldap.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimldap.scim.patch.PatchOperation;
import org.scimldap.scim.patch.PatchRequestParser;
import org.scimldap.store.CorrelationStore;

/**
 * A write whose resource keeps its DN, externalId and kept parts leaves the correlation store as it
 * is; one that changes any of them writes its row.
 */
class StoreRowWritesTest {
  @TempDir Path data;
  private ServiceFixture fixture;
  private final AtomicInteger writes = new AtomicInteger();

  @BeforeEach
  void start() {
    fixture = new ServiceFixture(data, d -> d, this::counting);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void onlyChangesOfWhatTheRowHoldsWriteIt() throws Exception {
    String id = fixture.createUser("store.writes");
    writes.set(0);
    patch(id, "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Engineer\"}");
    patch(id, "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}");
    assertEquals(0, writes.get(), "store writes for title and active");

    patch(id, "{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"ext-1\"}");
    assertEquals(1, writes.get(), "store writes after externalId");
    patch(id, "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"store.renamed\"}");
    assertEquals(2, writes.get(), "store writes after a rename");
    assertEquals("ext-1", fixture.users.get(id, false).body().path("externalId").asText(), "kept");
  }

  private void patch(String id, String operation) throws Exception {
    List<PatchOperation> ops =
        PatchRequestParser.parse(
            new ObjectMapper()
                .readTree(
                    "{\"schemas\":[\""
                        + PatchRequestParser.PATCH_OP_URN
                        + "\"],\"Operations\":["
                        + operation
                        + "]}"));
    fixture.users.patch(id, ops, Optional.empty(), true, false);
  }

  /** The store, counting the calls that write a row. */
  private CorrelationStore counting(CorrelationStore real) {
    return (CorrelationStore)
        Proxy.newProxyInstance(
            CorrelationStore.class.getClassLoader(),
            new Class<?>[] {CorrelationStore.class},
            (proxy, method, args) -> {
              if (method.getName().startsWith("save")) {
                writes.incrementAndGet();
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
