package dev.knowledgecard.infra.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * One registered resource as the engine saw it.
 *
 * @param urn its URN
 * @param type the type token, e.g. {@code aws:ec2/vpc:Vpc}
 * @param name the logical name
 * @param parent the parent's URN ({@code null} only for the root stack)
 * @param custom true for cloud resources, false for components
 * @param props inputs under their pulumi-aws schema names, secret values replaced by {@link
 *     #SECRET_MARKER}
 * @param dependencies URNs this resource depends on
 * @param secretProps paths of inputs that are secret ({@code authToken}, {@code a.b})
 * @param protect whether Pulumi's {@code protect} option is set
 * @param provider the provider reference the resource was registered with, or empty
 * @param id the id the (mock) provider returned, used to join resources that reference each other
 *     by id (a route's {@code routeTableId}, a policy's {@code bucket}); empty for components
 * @param ignoreChanges inputs listed under Pulumi's {@code ignoreChanges} option (e.g. a generated
 *     {@code authToken} that later runs must not overwrite)
 * @param arn the ARN the (mock) provider returned, empty when the type has none; the IAM simulation
 *     (iam-sim/) evaluates requests against it
 */
public record GraphResource(
    String urn,
    String type,
    String name,
    String parent,
    boolean custom,
    JsonNode props,
    List<String> dependencies,
    List<String> secretProps,
    boolean protect,
    String provider,
    String id,
    List<String> ignoreChanges,
    String arn) {

  public static final String SECRET_MARKER = "[secret]";

  public GraphResource {
    dependencies = List.copyOf(dependencies);
    secretProps = List.copyOf(secretProps);
    id = id == null ? "" : id;
    ignoreChanges = ignoreChanges == null ? List.of() : List.copyOf(ignoreChanges);
    arn = arn == null ? "" : arn;
  }

  /**
   * The input at a dotted path ({@code networkConfiguration.assignPublicIp}), or a missing node.
   */
  public JsonNode prop(String path) {
    JsonNode node = props;
    for (var part : path.split("\\.")) {
      node = node == null ? MissingNode.getInstance() : node.path(part);
    }
    return node;
  }

  public boolean is(String typeToken) {
    return type.equals(typeToken);
  }
}
