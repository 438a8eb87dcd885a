package dev.knowledgecard.infra.access;

import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What deploying one component needs, declared by the component itself (as a CDK construct knows
 * its own grants): the resource types it creates, the invokes it calls, the names its roles and
 * task-definition families carry. {@link DeployAccess} turns the declarations of every component,
 * with the {@link DeployActionTable}, into the deploy, preview and drift policies.
 *
 * @param component the component's name (the prefix of its children's names)
 * @param types pulumi-aws type tokens of the resources it creates
 * @param invokes tokens of the invokes it calls
 * @param roleNamePrefix the name prefix of the roles it creates ({@code <component>-}), empty when
 *     it creates none
 * @param taskFamilies ECS task-definition families its pipeline may run ({@code ecs:RunTask})
 * @param records DNS record types to the record names (lower case, {@code _*.} allowed) it manages;
 *     the deploy role may change any declared type of any declared name of the component
 */
public record DeployNeeds(
    String component,
    Set<String> types,
    Set<String> invokes,
    String roleNamePrefix,
    List<String> taskFamilies,
    Map<String, List<String>> records) {

  public DeployNeeds {
    types = Set.copyOf(new TreeSet<>(types));
    invokes = Set.copyOf(new TreeSet<>(invokes));
    taskFamilies = List.copyOf(taskFamilies);
    records = Map.copyOf(new TreeMap<>(records));
  }

  public static Builder of(String component) {
    return new Builder(component);
  }

  /** The type token pulumi-aws registers a resource class under. */
  static String typeOf(Class<? extends CustomResource> resource) {
    var annotation = resource.getAnnotation(ResourceType.class);
    if (annotation == null) {
      throw new IllegalArgumentException(resource + " has no @ResourceType");
    }
    return annotation.type();
  }

  /** Collects a component's declaration. */
  public static final class Builder {
    private final String component;
    private final Set<String> types = new TreeSet<>();
    private final Set<String> invokes = new TreeSet<>();
    private final List<String> taskFamilies = new ArrayList<>();
    private final Map<String, List<String>> records = new TreeMap<>();
    private String roleNamePrefix = "";

    private Builder(String component) {
      this.component = component;
    }

    /** Resource classes the component creates. */
    @SafeVarargs
    public final Builder creates(Class<? extends CustomResource>... resources) {
      for (var resource : resources) {
        types.add(typeOf(resource));
      }
      return this;
    }

    /** Invoke tokens the component calls, e.g. {@code aws:route53/getZone:getZone}. */
    public Builder invokes(String... tokens) {
      invokes.addAll(List.of(tokens));
      return this;
    }

    /** The component creates roles, all named {@code <component>-...}. */
    public Builder createsRoles() {
      roleNamePrefix = component + "-";
      return this;
    }

    /** The pipeline may run one-off tasks of these task-definition families. */
    public Builder runsTasks(String... families) {
      taskFamilies.addAll(List.of(families));
      return this;
    }

    /** DNS records of these types and names the component changes in its zone. */
    public Builder changesRecords(List<String> recordTypes, List<String> names) {
      for (var type : recordTypes) {
        var list = records.computeIfAbsent(type, k -> new ArrayList<>());
        names.forEach(n -> list.add(n.toLowerCase(Locale.ROOT)));
      }
      return this;
    }

    public DeployNeeds build() {
      records.values().removeIf(List::isEmpty);
      records.replaceAll((type, names) -> List.copyOf(names));
      return new DeployNeeds(component, types, invokes, roleNamePrefix, taskFamilies, records);
    }
  }
}
