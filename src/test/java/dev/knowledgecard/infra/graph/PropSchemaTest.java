package dev.knowledgecard.infra.graph;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every input path the report (rules, cost model, diagram, Markdown) reads exists for its resource
 * type in the provider's schema, as the pulumi-aws Java SDK generated from it shows: the resource
 * class carries {@code @ResourceType(type)}, its {@code *Args} class and the nested {@code
 * inputs.*Args} classes name each input with {@code @Import(name)}. A typo or a renamed input then
 * fails the build instead of reading as unset and passing a control.
 */
class PropSchemaTest {
  private static final List<String> READERS =
      List.of("dev.knowledgecard.infra.graph", "dev.knowledgecard.infra.report");

  @Test
  @DisplayName("every input path the report reads exists for its type in the pulumi-aws schema")
  void everyDeclaredPathIsInTheSchema() throws Exception {
    var props = declaredProps();
    assertTrue(props.size() > 100, "found the report's declared paths: " + props.size());
    var wrong = props.stream().map(PropSchemaTest::problem).flatMap(Optional::stream).toList();
    assertEquals(List.of(), wrong, "paths not in the provider's schema");
  }

  @Test
  @DisplayName("each input path is declared once: two classes never spell the same path")
  void eachPathIsDeclaredOnce() throws Exception {
    var byPath =
        declaredInstances().stream()
            .collect(Collectors.groupingBy(p -> p.type() + " " + p.path(), Collectors.counting()));
    var repeated =
        byPath.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted();
    assertEquals(List.of(), repeated.toList(), "paths declared more than once");
  }

  @Test
  @DisplayName("the schema check rejects a misspelled input, a wrong nested field and a wrong type")
  void schemaCheckRejectsWhatTheSchemaLacks() {
    assertTrue(problem(Prop.of(AwsTypes.RDS_INSTANCE, "publiclyAccessible")).isEmpty());
    assertTrue(
        problem(Prop.of(AwsTypes.ECS_SERVICE, "networkConfiguration.assignPublicIp")).isEmpty());
    assertTrue(problem(Prop.of(AwsTypes.RDS_INSTANCE, "publiclyAcessible")).isPresent());
    assertTrue(
        problem(Prop.of(AwsTypes.ECS_SERVICE, "networkConfiguration.assignPublicIP")).isPresent());
    assertTrue(problem(Prop.of(AwsTypes.RDS_CLUSTER, "multiAz")).isPresent());
    assertTrue(problem(Prop.of(AwsTypes.RDS_INSTANCE, "engine.version")).isPresent());
    assertFalse(problem(Prop.of("aws:rds/instanc:Instance", "engine")).isEmpty());
  }

  @Test
  @DisplayName(
      "the report reads inputs only through the paths graph declares, never by a string of its own")
  void reportReadsInputsOnlyThroughProps() {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.knowledgecard.infra");
    // Nor may it make a Prop (calls and method references such as list::field alike): a path the
    // report spells is not in the views of graph.aws, where each is declared once.
    noClasses()
        .that()
        .resideInAPackage("dev.knowledgecard.infra.report..")
        .should()
        .callMethod(GraphResource.class, "prop", String.class)
        .orShould()
        .accessTargetWhere(DECLARES_A_PATH)
        .check(classes);
  }

  /** Prop.of(type, path), Prop.field(name) and Prop's constructor: what makes a new path. */
  private static final DescribedPredicate<JavaAccess<?>> DECLARES_A_PATH =
      DescribedPredicate.describe(
          "Prop.of(String, String), Prop.field(String) or new Prop(..)",
          access ->
              access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget unit
                  && unit.getOwner().isEquivalentTo(Prop.class)
                  && (unit.getName().equals("<init>")
                      || unit.getName().equals("field")
                      || (unit.getName().equals("of") && unit.getRawParameterTypes().size() == 2)));

  /**
   * The Prop constants of the typed views (graph.aws) and the report's classes: fields, lists of
   * them, records holding them.
   */
  private static Set<Prop> declaredProps() throws Exception {
    return new LinkedHashSet<>(declaredInstances());
  }

  /** Each Prop the classes create once, however many fields or lists refer to it. */
  private static Set<Prop> declaredInstances() throws Exception {
    var classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(READERS);
    Set<Prop> out = Collections.newSetFromMap(new IdentityHashMap<>());
    for (var javaClass : classes) {
      var type = Class.forName(javaClass.getName());
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
          field.setAccessible(true);
          collect(field.get(null), out);
        }
      }
    }
    return out;
  }

  private static void collect(Object value, Set<Prop> out) throws Exception {
    if (value instanceof Prop prop) {
      out.add(prop);
    } else if (value instanceof Collection<?> items) {
      for (var item : items) {
        collect(item, out);
      }
    } else if (value != null && value.getClass().isRecord()) {
      for (var component : value.getClass().getRecordComponents()) {
        var accessor = component.getAccessor();
        accessor.setAccessible(true);
        collect(accessor.invoke(value), out);
      }
    }
  }

  /** What is wrong with a path for its type, or empty when the schema has it. */
  private static Optional<String> problem(Prop prop) {
    var resource = resourceClass(prop.type());
    if (resource.isEmpty()) {
      return Optional.of(prop + ": no pulumi-aws resource class for the type");
    }
    Class<?> current;
    try {
      current = Class.forName(resource.get().getName() + "Args");
    } catch (ClassNotFoundException e) {
      return Optional.of(prop + ": no args class " + resource.get().getName() + "Args");
    }
    for (var segment : prop.path().split("\\.")) {
      if (current == null) {
        return Optional.of(prop + ": " + segment + " is inside a value with no fields");
      }
      var field = importNamed(current, segment);
      if (field.isEmpty()) {
        return Optional.of(prop + ": " + current.getSimpleName() + " has no input " + segment);
      }
      current = argsClassIn(field.get().getGenericType());
    }
    return Optional.empty();
  }

  /** {@code aws:rds/instance:Instance} is {@code com.pulumi.aws.rds.Instance}; checked. */
  private static Optional<Class<?>> resourceClass(String token) {
    String name;
    if (token.equals(AwsTypes.PROVIDER)) {
      name = "com.pulumi.aws.Provider";
    } else {
      var parts = token.split(":");
      if (parts.length != 3 || !parts[1].contains("/")) {
        return Optional.empty();
      }
      name = "com.pulumi.aws." + parts[1].substring(0, parts[1].indexOf('/')) + "." + parts[2];
    }
    try {
      var type = Class.forName(name);
      var annotation = type.getAnnotation(ResourceType.class);
      return annotation != null && annotation.type().equals(token)
          ? Optional.of(type)
          : Optional.empty();
    } catch (ClassNotFoundException e) {
      return Optional.empty();
    }
  }

  private static Optional<Field> importNamed(Class<?> args, String name) {
    for (var at = args; at != null; at = at.getSuperclass()) {
      for (var field : at.getDeclaredFields()) {
        var input = field.getAnnotation(Import.class);
        if (input != null && input.name().equals(name)) {
          return Optional.of(field);
        }
      }
    }
    return Optional.empty();
  }

  /** The args class a field's value is made of (through Output, List, Map), or null for scalars. */
  private static Class<?> argsClassIn(Type type) {
    var pending = new ArrayList<Type>(List.of(type));
    while (!pending.isEmpty()) {
      var next = pending.remove(0);
      if (next instanceof ParameterizedType generic) {
        var raw = (Class<?>) generic.getRawType();
        if (raw == Output.class || List.class.isAssignableFrom(raw) || raw == Optional.class) {
          pending.add(generic.getActualTypeArguments()[0]);
        } else if (Map.class.isAssignableFrom(raw)) {
          pending.add(generic.getActualTypeArguments()[1]);
        }
      } else if (next instanceof Class<?> plain && plain.getName().startsWith("com.pulumi.aws.")) {
        return plain;
      }
    }
    return null;
  }
}
