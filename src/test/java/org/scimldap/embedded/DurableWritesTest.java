package org.scimldap.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change that cannot be logged fails its write, and every write after it is refused before it is
 * applied, until the log starts again (after a snapshot).
 */
class DurableWritesTest {
  @TempDir Path data;

  @Test
  void aLogThatCannotBeWrittenRefusesWritesUntilItStartsAgain() throws Exception {
    Path file = data.resolve(ChangeLog.FILE);
    ChangeLog log = ChangeLog.start(file, 3);
    Entry jdoe = new Entry("uid=jdoe,ou=people,dc=example,dc=com", new Attribute("uid", "jdoe"));
    AtomicInteger snapshotsAskedFor = new AtomicInteger();
    DurableWrites writes = new DurableWrites(log, dn -> jdoe, snapshotsAskedFor::incrementAndGet);
    Change written = new Change.Written(new DN("uid=jdoe,ou=people,dc=example,dc=com"));

    writes.beforeWrite();
    writes.afterWrite(Optional.of(written));
    assertEquals(1, ChangeLog.read(file).orElseThrow().records().size());

    log.close();
    writes.beforeWrite();
    assertThrows(UncheckedIOException.class, () -> writes.afterWrite(Optional.of(written)));
    LDAPException refused = assertThrows(LDAPException.class, writes::beforeWrite);
    assertEquals(ResultCode.UNAVAILABLE, refused.getResultCode());
    assertTrue(snapshotsAskedFor.get() >= 2, "a snapshot is asked for, to start the log again");
    assertTrue(
        writes.exclusively(1, () -> {}), "the failed write let go of its lock: snapshots may run");

    log.restart(4);
    writes.beforeWrite();
    writes.afterWrite(Optional.of(written));
    ChangeLog.Contents contents = ChangeLog.read(file).orElseThrow();
    assertEquals(4, contents.generation());
    assertEquals(1, contents.records().size());
  }
}
