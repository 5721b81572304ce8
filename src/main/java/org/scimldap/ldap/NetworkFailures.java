package org.scimldap.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Says in a few words why a connection to the directory failed, from the causes the SDK wraps into
 * a {@code connect error} or {@code server down} that carries no diagnostic of its own: host not
 * found, connection refused, no answer in time, a TLS failure, each with the server's {@code
 * host:port} where the SDK names it, e.g. {@code connection refused by 127.0.0.1:389}.
 */
final class NetworkFailures {
  /**
   * How the SDK names the server it tried: {@code … connect to server ldap1.example.com:636: …}.
   */
  private static final Pattern SERVER = Pattern.compile("\\bserver /?(\\S+:\\d+)\\b");

  private NetworkFailures() {}

  /** Why the connection failed; empty for a result the directory sent, or when nothing says. */
  static Optional<String> describe(LDAPException e) {
    if (ResultCode.isConnectionUsable(e.getResultCode())) {
      return Optional.empty();
    }
    String server = server(e).map(s -> " " + s).orElse("");
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException unknown) {
        return Optional.of("host not found: " + hostOf(unknown));
      }
      if (t instanceof ConnectException) {
        return Optional.of("connection refused by" + orUnknown(server));
      }
      if (t instanceof NoRouteToHostException) {
        return Optional.of("no route to" + orUnknown(server));
      }
      if (t instanceof SocketTimeoutException) {
        return Optional.of("no answer in time from" + orUnknown(server));
      }
      if (t instanceof SSLException ssl) {
        return Optional.of("TLS failure with" + orUnknown(server) + ": " + ssl.getMessage());
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && !(root instanceof LDAPException)) {
      return Optional.of(root.getClass().getSimpleName() + ": " + root.getMessage() + at(server));
    }
    return server.isEmpty() ? Optional.empty() : Optional.of("failed" + at(server));
  }

  /** The {@code host:port} that the SDK's messages name, as configured (outermost first). */
  private static Optional<String> server(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = SERVER.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  private static String hostOf(UnknownHostException e) {
    String said = String.valueOf(e.getMessage());
    int colon = said.indexOf(':');
    return colon > 0 ? said.substring(0, colon) : said;
  }

  private static String orUnknown(String server) {
    return server.isEmpty() ? " the directory" : server;
  }

  private static String at(String server) {
    return server.isEmpty() ? "" : " (" + server.trim() + ")";
  }
}
