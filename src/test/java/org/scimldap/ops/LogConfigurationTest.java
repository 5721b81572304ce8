package org.scimldap.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimldap.testsupport.CapturedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The gateway's own {@code logback.xml} loads without a warning (Logback prints its whole status on
 * standard output when there is one, before every start and every admin tool's output), and its
 * {@code %requestId} writes {@code " [id]"} only for lines logged while a request is served.
 */
class LogConfigurationTest {

  @Test
  void theShippedConfigurationLoadsCleanly() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    URL shipped = getClass().getResource("/logback.xml");
    try {
      configurator.doConfigure(shipped);
      List<Status> problems =
          context.getStatusManager().getCopyOfStatusList().stream()
              .filter(s -> s.getEffectiveLevel() >= Status.WARN)
              .toList();
      assertEquals(List.of(), problems);
    } finally {
      context.stop();
    }
  }

  @Test
  void requestIdsAppearOnlyWhileARequestIsServed() {
    RequestIdConverter converter = new RequestIdConverter();
    try (CapturedLog lines = CapturedLog.of("log-configuration-test", Level.INFO)) {
      Logger logger = LoggerFactory.getLogger("log-configuration-test");
      logger.info("outside");
      MDC.put(RequestIdConverter.MDC_KEY, "abc-1");
      try {
        logger.info("inside");
      } finally {
        MDC.remove(RequestIdConverter.MDC_KEY);
      }
      List<ILoggingEvent> events = lines.events();
      assertEquals(2, events.size());
      assertEquals("", converter.convert(events.get(0)));
      assertEquals(" [abc-1]", converter.convert(events.get(1)));
    }
  }
}
