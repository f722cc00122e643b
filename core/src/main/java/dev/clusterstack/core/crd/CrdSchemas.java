package dev.clusterstack.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;


/**
 * The {@code openAPIV3Schema} of every served version of a set of CustomResourceDefinitions, indexed by
 * ({@code apiVersion}, {@code kind}), to validate rendered objects the way the API server would see them.
 *
 * <p>Kubernetes structural schemas are OpenAPI v3.0 schemas with Kubernetes extensions. Each one is converted once
 * into a JSON Schema draft 4 document (draft 4 because OpenAPI 3.0's keywords, e.g. boolean
 * {@code exclusiveMinimum}, are draft 4's) and compiled with networknt json-schema-validator on first use (cached,
 * thread-safe). The conversion:
 * <ul>
 *   <li>{@code x-kubernetes-int-or-string: true}: integer or string.</li>
 *   <li>{@code x-kubernetes-preserve-unknown-fields: true}: unknown fields allowed at that level.</li>
 *   <li>an object with {@code properties} and neither preserve-unknown-fields nor {@code additionalProperties}:
 *   unknown fields are a violation (the API server would silently prune them; a typo must not pass) when
 *   {@link Loader#strictUnknownFields(boolean)} is on (default), allowed otherwise.</li>
 *   <li>{@code nullable: true}: null allowed (also in an {@code enum}).</li>
 *   <li>{@code x-kubernetes-embedded-resource: true}: {@code apiVersion}, {@code kind} and {@code metadata} allowed.</li>
 *   <li>root {@code metadata}: checked loosely only (name, namespace, generateName strings; labels and annotations
 *   maps of strings; anything else allowed), as the API server checks ObjectMeta itself.</li>
 *   <li>a {@code required} property that has a {@code default} is not required: the API server defaults it before
 *   validating (e.g. CAPO's {@code identityRef.type}).</li>
 *   <li>{@code format} is dropped: Kubernetes' formats (int32, int64, byte, date-time, uuid, ...) are not asserted.</li>
 *   <li>{@code x-kubernetes-validations} (CEL rules), list/map-type markers, {@code default}, {@code description}
 *   are dropped: not evaluated.</li>
 *   <li>Inside {@code allOf}/{@code anyOf}/{@code oneOf}/{@code not} (value validations, which in a structural
 *   schema never define fields) no unknown-field rule is added.</li>
 * </ul>
 */
public final class CrdSchemas {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private record Key(String apiVersion, String kind) {
  }

  private record Entry(JsonNode openApiSchema, Path file) {
  }

  private final Map<Key, Entry> schemas;
  private final boolean strictUnknownFields;
  private final SchemaRegistry registry;
  private final Map<Key, Schema> compiled = new ConcurrentHashMap<>();
  private final StructuralSchemaConverter converter;

  private CrdSchemas(Map<Key, Entry> schemas, boolean strictUnknownFields) {
    this.schemas = schemas;
    this.strictUnknownFields = strictUnknownFields;
    this.converter = new StructuralSchemaConverter(strictUnknownFields);
    SchemaRegistryConfig config = SchemaRegistryConfig.builder()
        .pathType(PathType.JSON_POINTER)
        .formatAssertionsEnabled(false)
        .build();
    this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
        builder -> builder.schemaRegistryConfig(config));
  }

  /** Loads CRD YAML files or folders (searched recursively for *.yaml / *.yml) with strict unknown fields. */
  public static CrdSchemas load(Path... filesOrFolders) {
    return loader().load(filesOrFolders);
  }

  public static Loader loader() {
    return new Loader();
  }

  /** Options for loading CRDs. */
  public static final class Loader {
    private boolean strictUnknownFields = true;

    private Loader() {
    }

    /**
     * true (default): a field no schema declares is a violation where the schema lists properties and does not
     * preserve unknown fields. false: such fields pass (the API server would prune them).
     */
    public Loader strictUnknownFields(boolean strict) {
      this.strictUnknownFields = strict;
      return this;
    }

    /**
     * Reads every CustomResourceDefinition (multi-document YAML allowed; other documents are ignored).
     *
     * @throws UncheckedIOException     if a file cannot be read or is no YAML
     * @throws IllegalArgumentException if two files define the same apiVersion and kind
     */
    public CrdSchemas load(Path... filesOrFolders) {
      return load(List.of(filesOrFolders));
    }

    public CrdSchemas load(List<Path> filesOrFolders) {
      Map<Key, Entry> schemas = new LinkedHashMap<>();
      for (Path path : filesOrFolders) {
        for (Path file : yamlFiles(path)) {
          readCrds(file, schemas);
        }
      }
      return new CrdSchemas(Collections.unmodifiableMap(schemas), strictUnknownFields);
    }
  }

  private static List<Path> yamlFiles(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new UncheckedIOException(new IOException("no such CRD file or folder: " + path));
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list CRD folder " + path, e);
    }
  }

  private static void readCrds(Path file, Map<Key, Entry> schemas) {
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (documents.hasNext()) {
        JsonNode doc = documents.next();
        if (doc == null || !"CustomResourceDefinition".equals(doc.path("kind").asText())) {
          continue;
        }
        JsonNode spec = doc.path("spec");
        String group = spec.path("group").asText();
        String kind = spec.path("names").path("kind").asText();
        for (JsonNode version : spec.path("versions")) {
          boolean served = !version.has("served") || version.path("served").asBoolean();
          JsonNode schema = version.path("schema").path("openAPIV3Schema");
          if (!served) {
            continue;
          }
          if (schema.isMissingNode()) {
            schema = spec.path("validation").path("openAPIV3Schema"); // v1beta1 CRDs: one schema for all versions
          }
          if (schema.isMissingNode()) {
            continue;
          }
          Key key = new Key(group + "/" + version.path("name").asText(), kind);
          Entry previous = schemas.put(key, new Entry(schema, file));
          if (previous != null && !previous.file().equals(file)) {
            throw new IllegalArgumentException("CRD schema for " + key.apiVersion() + " " + kind + " defined twice: in "
                + previous.file() + " and " + file);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRD file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every ({@code apiVersion}, {@code kind}) with a schema, as {@code "<apiVersion> <kind>"}, sorted. */
  public Set<String> known() {
    Set<String> result = new TreeSet<>();
    schemas.keySet().forEach(k -> result.add(k.apiVersion() + " " + k.kind()));
    return Collections.unmodifiableSet(result);
  }

  public boolean hasSchema(String apiVersion, String kind) {
    return schemas.containsKey(new Key(apiVersion, kind));
  }

  /** Whether unknown fields are violations (see {@link Loader#strictUnknownFields(boolean)}). */
  public boolean strictUnknownFields() {
    return strictUnknownFields;
  }

  /**
   * Validates one object (e.g. parsed from {@code helm template} output).
   *
   * @return the violations, empty if valid; if no CRD schema is known for its apiVersion and kind (or it has none),
   *     one violation at path {@code ""} saying so
   */
  public List<SchemaViolation> validate(Map<String, Object> object) {
    return validateIfKnown(object).orElseGet(() -> List.of(new SchemaViolation(string(object.get("apiVersion")),
        string(object.get("kind")), name(object), "",
        "no CRD schema known for apiVersion " + object.get("apiVersion") + " kind " + object.get("kind"))));
  }

  /** Like {@link #validate(Map)}, but empty (not a violation) when no schema is known for the object's kind. */
  public Optional<List<SchemaViolation>> validateIfKnown(Map<String, Object> object) {
    Objects.requireNonNull(object, "object");
    String apiVersion = string(object.get("apiVersion"));
    String kind = string(object.get("kind"));
    Key key = new Key(apiVersion, kind);
    if (apiVersion == null || kind == null || !schemas.containsKey(key)) {
      return Optional.empty();
    }
    Schema schema = compiled.computeIfAbsent(key, this::compile);
    JsonNode instance = YAML.valueToTree(object);
    List<SchemaViolation> violations = new ArrayList<>();
    String name = name(object);
    for (Error error : schema.validate(instance)) {
      violations.add(new SchemaViolation(apiVersion, kind, name, path(error), message(error)));
    }
    return Optional.of(List.copyOf(violations));
  }

  /** A copy of the CRD's {@code openAPIV3Schema} for an apiVersion and kind (e.g. to apply its defaults). */
  public Optional<JsonNode> openApiSchema(String apiVersion, String kind) {
    Entry entry = schemas.get(new Key(apiVersion, kind));
    return entry == null ? Optional.empty() : Optional.of(entry.openApiSchema().deepCopy());
  }

  /** The converted JSON Schema (draft 4) used for an apiVersion and kind, for diagnostics. */
  public Optional<String> jsonSchema(String apiVersion, String kind) {
    Entry entry = schemas.get(new Key(apiVersion, kind));
    return entry == null ? Optional.empty() : Optional.of(converter.convertRoot(entry.openApiSchema()).toPrettyString());
  }

  private Schema compile(Key key) {
    Schema schema = registry.getSchema(converter.convertRoot(schemas.get(key).openApiSchema()));
    schema.initializeValidators();
    return schema;
  }

  private static String path(Error error) {
    String location = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    if (location.equals("/")) {
      location = "";
    }
    String keyword = error.getKeyword();
    if (("additionalProperties".equals(keyword) || "required".equals(keyword)) && error.getProperty() != null) {
      location = location + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
    }
    return location;
  }

  private static String message(Error error) {
    String keyword = error.getKeyword();
    if ("additionalProperties".equals(keyword) && error.getProperty() != null) {
      return "unknown field '" + error.getProperty() + "' (not in the CRD schema)";
    }
    if ("required".equals(keyword) && error.getProperty() != null) {
      return "required field '" + error.getProperty() + "' is missing";
    }
    String message = error.getMessage();
    return message == null ? error.toString() : message;
  }

  private static String name(Map<String, Object> object) {
    return object.get("metadata") instanceof Map<?, ?> m ? string(m.get("name")) : null;
  }

  private static String string(Object o) {
    return o == null ? null : o.toString();
  }
}
