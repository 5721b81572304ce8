package org.scimldap;

import org.scimldap.config.ConfigException;
import org.scimldap.config.ConfigLoader;
import org.scimldap.config.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the gateway from {@code config/gateway.yaml} and the {@code GATEWAY_*} environment. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    try {
      GatewayConfig config = new ConfigLoader(System.getenv()).load();
      Gateway gateway = Gateway.start(config);
      Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
    } catch (ConfigException e) {
      LOG.error("Cannot start: {}", e.getMessage());
      System.exit(2);
    } catch (RuntimeException e) {
      LOG.error("Cannot start: {}", e.getMessage() == null ? e.toString() : e.getMessage());
      LOG.debug("Start-up failure", e);
      System.exit(1);
    }
  }
}
