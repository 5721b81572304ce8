package org.scimldap.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The directories every black-box test runs against, each behind one gateway shared by the whole
 * test run (tests empty the directory and the correlation store before they start): the embedded
 * default, and a real OpenLDAP (the shared throwaway slapd; skipped with a reason where slapd is
 * not installed, failed in CI).
 */
public enum DirectoryKind {
  EMBEDDED {
    @Override
    public GatewayUnderTest startWith(Map<String, String> env) throws IOException {
      return GatewayUnderTest.embedded(env);
    }
  },
  OPENLDAP {
    @Override
    public GatewayUnderTest startWith(Map<String, String> env) throws Exception {
      Slapd slapd = Slapd.shared();
      return GatewayUnderTest.external(slapd.url(), slapd.adminDn(), slapd.adminPassword(), env);
    }
  };

  private GatewayUnderTest gateway;

  /**
   * A gateway of its own on this directory, with extra environment variables (another mapping file,
   * say); the caller closes it. On OpenLDAP it shares the slapd of the other tests, so the caller
   * empties the directory ({@link GatewayUnderTest#wipe()}) before it makes its data.
   */
  public abstract GatewayUnderTest startWith(Map<String, String> env) throws Exception;

  GatewayUnderTest start() throws Exception {
    return startWith(Map.of());
  }

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
