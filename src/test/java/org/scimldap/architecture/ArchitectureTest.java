package org.scimldap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.scimldap.scim.ScimException;

/**
 * The layer rules of the code map (README "Code map"), checked on the compiled classes, so they
 * hold without anyone watching. Data flows one way, each layer knowing only those below it:
 *
 * <pre>
 * http, cli → service, discovery, ops → mapping → scim → ldap, store, embedded → config
 * </pre>
 *
 * The command line ({@code cli}: the admin tools) sits at the top beside {@code http}, as another
 * way in. Every package has its place in the table. Packages of one layer do not know each other;
 * Javalin (and the Jetty server under it) lives only in {@code http}; SCIM errors never reach down
 * into {@code ldap} or {@code store}, which fail in their own terms. The composition root ({@code
 * org.scimldap.Gateway}, {@code Main}) may use every layer and no layer uses it.
 */
class ArchitectureTest {
  private static final String ROOT = "org.scimldap";

  /** The layers from the top; each is a list of package names directly under the root. */
  static final List<List<String>> LAYERS =
      List.of(
          List.of("http", "cli"),
          List.of("service", "discovery", "ops"),
          List.of("mapping"),
          List.of("scim"),
          List.of("ldap", "store", "embedded"),
          List.of("config"));

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  /** Classes made to break each rule once, to show that the rules do catch what they forbid. */
  private static final JavaClasses VIOLATIONS =
      new ClassFileImporter().importPackages(ROOT + ".architecture.fixture");

  @Test
  void noPackageUsesALayerAboveItOrBesideIt() {
    layerRules(ROOT).forEach(rule -> rule.check(MAIN));
  }

  @Test
  void everyPackageHasItsPlaceInTheLayers() {
    Set<String> placed = new TreeSet<>();
    LAYERS.forEach(placed::addAll);
    Set<String> unplaced = new TreeSet<>();
    for (JavaClass c : MAIN) {
      String pkg = c.getPackageName();
      if (pkg.startsWith(ROOT + ".")) {
        String top = pkg.substring(ROOT.length() + 1).split("\\.")[0];
        if (!placed.contains(top)) {
          unplaced.add(top);
        }
      }
    }
    assertEquals(Set.of(), unplaced, "packages missing from LAYERS (and from the code map)");
  }

  @Test
  void javalinLivesOnlyInHttp() {
    javalinOnlyInHttp(ROOT).check(MAIN);
  }

  @Test
  void theDirectoryAndTheStoreFailInTheirOwnTerms() {
    noScimErrorsBelow(ROOT).check(MAIN);
  }

  @Test
  void noLayerUsesTheCompositionRoot() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".*..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT)
        .check(MAIN);
  }

  @Test
  void topLevelPackagesHaveNoCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theRulesCatchWhatTheyForbid() {
    String fixture = ROOT + ".architecture.fixture";
    // fixture.store reaches up into fixture.service; fixture.ldap uses ScimException and
    // Javalin.
    assertThrows(
        AssertionError.class,
        () -> layerRules(fixture).forEach(rule -> rule.check(VIOLATIONS)),
        "a store class using a service class");
    assertThrows(AssertionError.class, () -> javalinOnlyInHttp(fixture).check(VIOLATIONS));
    assertThrows(AssertionError.class, () -> noScimErrorsBelow(fixture).check(VIOLATIONS));
  }

  /** For each layer: no class in it depends on a class of a layer above it or beside it. */
  static List<ArchRule> layerRules(String root) {
    List<ArchRule> rules = new ArrayList<>();
    for (int i = 0; i < LAYERS.size(); i++) {
      List<String> aboveOrBeside = new ArrayList<>();
      for (int j = 0; j <= i; j++) {
        aboveOrBeside.addAll(LAYERS.get(j));
      }
      for (String pkg : LAYERS.get(i)) {
        String[] forbidden =
            aboveOrBeside.stream()
                .filter(other -> !other.equals(pkg))
                .map(other -> root + "." + other + "..")
                .toArray(String[]::new);
        if (forbidden.length > 0) {
          rules.add(
              noClasses()
                  .that()
                  .resideInAPackage(root + "." + pkg + "..")
                  .should()
                  .dependOnClassesThat()
                  .resideInAnyPackage(forbidden)
                  .because(pkg + " sits below " + String.join(", ", forbidden)));
        }
      }
    }
    return rules;
  }

  static ArchRule javalinOnlyInHttp(String root) {
    return noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and()
        .resideOutsideOfPackage(root + ".http..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..")
        .because("HTTP is the http package's business");
  }

  static ArchRule noScimErrorsBelow(String root) {
    return noClasses()
        .that()
        .resideInAnyPackage(root + ".ldap..", root + ".store..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(ScimException.class)
        .because("the directory and the store fail in their own terms; the service translates");
  }
}
