package org.scimldap.testsupport;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for tests against the JVM-wide {@link SambaDc#shared()} domain controller: it
 * resolves {@link SambaDc} parameters and calls {@link SambaDc#reset()} before each test, so that
 * every test starts from the provisioned domain. Without Samba, the tests are skipped, or fail
 * where {@code CI=true}.
 */
public final class SambaExtension implements BeforeEachCallback, ParameterResolver {

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    SambaDc.shared().reset();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SambaDc.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    try {
      return SambaDc.shared();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ParameterResolutionException("could not start the shared Samba DC", e);
    }
  }
}
