package org.scimldap.ldap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A socket's input, read up to {@link #SIZE} bytes at a time. The SDK reads through a buffer of 4
 * KiB of its own, so that a page of a hundred users took some thirty reads, each a system call; and
 * it asks how much more has come whenever its buffer runs out, which is answered here from what was
 * read ahead while there is some, without asking the system.
 */
final class ReadAhead extends BufferedInputStream {
  static final int SIZE = 64 << 10;

  ReadAhead(InputStream in) {
    super(in, SIZE);
  }

  @Override
  public synchronized int available() throws IOException {
    int buffered = count - pos;
    return buffered > 0 ? buffered : super.available();
  }
}
