package org.scimldap.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one logger logs while a test runs, at a level of the test's choosing, kept off the console:
 * opened on the logger, closed to put the logger back as it was.
 */
public final class CapturedLog implements AutoCloseable {
  private final Logger logger;
  private final Level before;
  private final boolean additive;
  private final ListAppender<ILoggingEvent> events =
      new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
          // Read later: the MDC (a request's id) and the message are taken as they are now.
          event.prepareForDeferredProcessing();
          super.append(event);
        }
      };

  private CapturedLog(Logger logger, Level level) {
    this.logger = logger;
    this.before = logger.getLevel();
    this.additive = logger.isAdditive();
    logger.setAdditive(false);
    if (level != null) {
      logger.setLevel(level);
    }
    events.start();
    logger.addAppender(events);
  }

  /** Captures {@code name}'s events from {@code level} up (null: at the level it has). */
  public static CapturedLog of(String name, Level level) {
    return new CapturedLog((Logger) LoggerFactory.getLogger(name), level);
  }

  /** Captures the events of {@code type}'s logger from {@code level} up. */
  public static CapturedLog of(Class<?> type, Level level) {
    return of(type.getName(), level);
  }

  /** The events logged so far, in order. */
  public List<ILoggingEvent> events() {
    return List.copyOf(events.list);
  }

  /** The formatted messages logged so far, in order. */
  public List<String> messages() {
    return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(events);
    logger.setAdditive(additive);
    logger.setLevel(before);
  }
}
