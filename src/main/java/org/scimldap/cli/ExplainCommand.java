package org.scimldap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFChangeRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimldap.config.GatewayConfig;
import org.scimldap.ldap.Directory;
import org.scimldap.mapping.entry.EntryMapper;
import org.scimldap.mapping.spec.MappingLoader;
import org.scimldap.mapping.spec.MappingSpec;
import org.scimldap.scim.ScimException;
import org.scimldap.scim.patch.PatchRequestParser;
import org.scimldap.service.Explainer;
import org.scimldap.service.Explanation;
import org.scimldap.service.Locations;

/**
 * {@code explain}: the LDAP operations a SCIM create, replace or patch would cause, printed as LDIF
 * change records with {@code #} comments, or with {@code --dn} the SCIM resource an entry is, as
 * JSON. Nothing is written. A request the gateway would refuse prints the SCIM error it would
 * answer, and the exit status is 1.
 */
final class ExplainCommand {
  private static final String ERROR_URN = "urn:ietf:params:scim:api:messages:2.0:Error";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final CommandLine.ConfigSource configs;
  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * @param env the environment, for {@code ${NAME}} references in the mapping file
   */
  ExplainCommand(
      CommandLine.ConfigSource configs, Map<String, String> env, PrintStream out, PrintStream err) {
    this.configs = configs;
    this.env = env;
    this.out = out;
    this.err = err;
  }

  int run(Arguments arguments) throws UsageException {
    Optional<String> dn = arguments.option("--dn");
    Optional<String> operation = arguments.option("--operation");
    if (dn.isPresent() == operation.isPresent()) {
      throw new UsageException("explain needs either --operation create|replace|patch, or --dn");
    }
    if (dn.isPresent()
        && (!arguments.operands().isEmpty() || arguments.has("--id") || arguments.has("--type"))) {
      throw new UsageException("explain --dn takes no request file, --id or --type");
    }
    GatewayConfig config = configs.load(arguments.option("--config"));
    MappingSpec spec =
        MappingLoader.read(arguments.option("--mapping").orElse(config.mapping()), env)
            .orElseThrow();
    List<EntryMapper> mappers =
        EntryMapper.forSpec(spec, config.ldap().baseDn(), config.ldap().containers());
    Map<String, String> endpoints = new LinkedHashMap<>();
    mappers.forEach(m -> endpoints.put(m.mapping().name(), m.mapping().schema().endpoint()));
    Locations locations = new Locations(config.http().publicBase(config.http().port()), endpoints);
    try {
      if (dn.isPresent()) {
        return resourceAt(parseDn(dn.get()), config, mappers, locations);
      }
      return request(operation.get(), arguments, config, mappers, locations);
    } catch (ScimException e) {
      return refused(e);
    }
  }

  private int resourceAt(
      DN dn, GatewayConfig config, List<EntryMapper> mappers, Locations locations) {
    try (Directory directory = ToolDirectory.open(config)) {
      ObjectNode resource =
          new Explainer(mappers, Optional.of(directory), locations).resourceAt(dn);
      out.println(json(resource));
      return CommandLine.OK;
    }
  }

  private int request(
      String operation,
      Arguments arguments,
      GatewayConfig config,
      List<EntryMapper> mappers,
      Locations locations)
      throws UsageException {
    if (!List.of("create", "replace", "patch").contains(operation)) {
      throw new UsageException(
          "unknown operation '" + operation + "'; expected create, replace or patch");
    }
    if (arguments.operands().isEmpty()) {
      throw new UsageException("explain --operation " + operation + " needs a request file");
    }
    Optional<String> id = arguments.option("--id");
    if (operation.equals("create") == id.isPresent()) {
      throw new UsageException(
          operation.equals("create")
              ? "a create takes no --id"
              : "explain --operation " + operation + " needs the --id of the resource");
    }
    byte[] request = read(arguments.operands().get(0));
    Optional<String> type = arguments.option("--type");
    JsonNode body = parse(request);
    Explanation explanation;
    if (operation.equals("create")) {
      Explainer offline = new Explainer(mappers, Optional.empty(), locations);
      String named =
          type.or(() -> offline.typeNamedBy(body))
              .orElseThrow(
                  () ->
                      new UsageException(
                          "the request's schemas name no resource type of the mapping;"
                              + " say which with --type"));
      explanation = offline.create(named, body);
    } else {
      try (Directory directory = ToolDirectory.open(config)) {
        Explainer explainer = new Explainer(mappers, Optional.of(directory), locations);
        explanation =
            operation.equals("replace")
                ? explainer.replace(type, id.get(), body)
                : explainer.patch(type, id.get(), PatchRequestParser.parse(body));
      }
    }
    print(operation, explanation);
    return CommandLine.OK;
  }

  /** The explanation as LDIF, its notes and unresolved references as comments first. */
  private void print(String operation, Explanation explanation) {
    out.println(
        "# "
            + operation
            + " "
            + explanation.resourceType()
            + ": the LDAP operations the gateway would perform (nothing was written)");
    explanation.notes().forEach(n -> out.println("# " + n));
    if (!explanation.unresolved().isEmpty()) {
      out.println(
          "# without the directory, references are not looked up; each is shown as"
              + " unresolved=<id>:");
      explanation.unresolved().forEach(id -> out.println("#   " + id));
    }
    for (LDIFChangeRecord change : explanation.changes()) {
      out.println();
      for (String line : change.toLDIF(0)) {
        out.println(line);
      }
    }
  }

  /** The SCIM Error response (RFC 7644 §3.12) the gateway would answer, on stdout. */
  private int refused(ScimException e) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("schemas").add(ERROR_URN);
    body.put("status", String.valueOf(e.status()));
    e.scimType().ifPresent(t -> body.put("scimType", t.keyword()));
    body.put("detail", e.detail());
    out.println(json(body));
    err.println("The gateway would answer " + e.status() + " to this request.");
    return CommandLine.PROBLEMS;
  }

  private static DN parseDn(String text) throws UsageException {
    try {
      return new DN(text);
    } catch (LDAPException e) {
      throw new UsageException("--dn '" + text + "' is not a DN: " + e.getMessage());
    }
  }

  private static byte[] read(String file) throws UsageException {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new UsageException("cannot read the request file " + file + ": " + e.getMessage());
    }
  }

  /** The request body as the gateway reads it: a JSON document, else 400 invalidSyntax. */
  private static JsonNode parse(byte[] request) {
    try {
      JsonNode node = JSON.readTree(request);
      if (node == null || node.isMissingNode()) {
        throw ScimException.invalidSyntax("The request body is empty; a JSON object is expected");
      }
      return node;
    } catch (JsonProcessingException e) {
      String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().split("\n")[0];
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw ScimException.invalidSyntax("The request body is not valid JSON" + where + ": " + what);
    } catch (IOException e) {
      throw ScimException.invalidSyntax("The request body could not be read as JSON");
    }
  }

  private static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree cannot be written", e);
    }
  }
}
