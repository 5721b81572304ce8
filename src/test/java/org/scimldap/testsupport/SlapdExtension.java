package org.scimldap.testsupport;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for tests against the JVM-wide {@link Slapd#shared()} server: it resolves
 * {@link Slapd} parameters (constructor, lifecycle and test methods) and calls {@link
 * Slapd#reset()} before each test, so every test starts from the base entries and makes its own
 * data.
 *
 * <pre>{@code
 * @ExtendWith(SlapdExtension.class)
 * class DirectoryIT {
 *   @Test void findsUser(Slapd slapd) throws Exception { ... }
 * }
 * }</pre>
 *
 * <p>Where slapd is missing, every test of the class is skipped, or fails when {@link
 * Slapd#requiredInThisEnvironment()}.
 */
public final class SlapdExtension implements BeforeEachCallback, ParameterResolver {

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    Slapd.shared().reset();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Slapd.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      return Slapd.shared();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ParameterResolutionException("could not start the shared slapd", e);
    }
  }
}
