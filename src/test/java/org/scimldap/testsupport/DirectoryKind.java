package org.scimldap.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The directories every black-box test runs against, each behind one gateway shared by the whole
 * test run (tests empty the directory and the correlation store before they start): the embedded
 * default, and a real OpenLDAP (the shared throwaway slapd; skipped with a reason where slapd is
 * not installed, failed in CI).
 */
public enum DirectoryKind {
  EMBEDDED {
    @Override
    GatewayUnderTest start() throws IOException {
      return GatewayUnderTest.embedded();
    }
  },
  OPENLDAP {
    @Override
    GatewayUnderTest start() throws Exception {
      Slapd slapd = Slapd.shared();
      return GatewayUnderTest.external(slapd.url(), slapd.adminDn(), slapd.adminPassword());
    }
  };

  private GatewayUnderTest gateway;

  abstract GatewayUnderTest start() throws Exception;

  /** The gateway on this directory, started on first use and stopped when the JVM exits. */
  public synchronized GatewayUnderTest gateway() {
    if (gateway == null) {
      try {
        gateway = start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("Cannot start the gateway on " + this, e);
      }
      GatewayUnderTest started = gateway;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-gateway-" + name()));
    }
    return gateway;
  }
}
