package dev.knowledgecard.infra.access;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.access.DeployActionTable.Confine;
import dev.knowledgecard.infra.access.DeployActionTable.Entry;
import dev.knowledgecard.infra.config.StackContext;
import dev.knowledgecard.infra.iam.PolicyStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;

/**
 * The CI policies, assembled from what the components declare ({@link DeployNeeds}) and the sourced
 * action table ({@link DeployActionTable}); nothing here lists a resource type's actions by hand.
 *
 * <ul>
 *   <li>reads: exactly the table's reads of the declared types and the declared invokes' actions;
 *   <li>creates only with {@code aws:RequestTag/Stack=<stack>}; changes, deletes and tags only of
 *       resources tagged {@code Stack=<stack>}, or whose ARN carries the stack's name where the
 *       service has no tag condition; tags at create only where the request says it is a create
 *       ({@code ec2:CreateAction} and its ECS and ELB twins) or the ARN carries the stack's name;
 *   <li>the {@code Stack} tag can never be removed or changed, and nothing tagged with another
 *       stack can be changed;
 *   <li>IAM confined to the workload role path with the permissions boundary; roles passed only to
 *       the service of the component that made them; trust changes, the boundary, the CI roles and
 *       account-level resources stay administrator-managed.
 * </ul>
 */
final class DeployPermissions {
  static final String PERMISSIONS_BOUNDARY_KEY = "iam:PermissionsBoundary";
  static final String STACK_TAG = "Stack";

  /** IAM's size limit of a managed policy, in characters without whitespace. */
  static final int MANAGED_POLICY_LIMIT = 6144;

  /** Services with an {@code <service>:CreateAction} condition key on their tag action. */
  private static final Set<String> CREATE_ACTION_KEY = Set.of("ec2", "ecs", "elasticloadbalancing");

  /** Services whose ARNs are random ids: nothing but the missing tag tells a new resource. */
  private static final Set<String> RANDOM_ARN = Set.of("kms", "acm", "application-autoscaling");

  /**
   * Everything a statement needs to know about the stack.
   *
   * @param context the stack's project, stack, region, partition and account; it builds every ARN
   * @param rolePath path of workload roles
   * @param ciPath path of CI roles and the boundary
   * @param boundaryArn the workload permissions boundary
   * @param stateBucket the Pulumi state bucket
   * @param stateKey KMS key statement scope for the Pulumi state
   * @param needs every component's declaration
   */
  record Scope(
      StackContext context,
      String rolePath,
      String ciPath,
      Output<String> boundaryArn,
      Output<String> stateBucket,
      StateKey stateKey,
      List<DeployNeeds> needs) {

    String project() {
      return context.project();
    }

    String stack() {
      return context.stack();
    }

    String region() {
      return context.region();
    }

    /**
     * The ARNs of a name-confined type with each name form the program uses ({@code <stack>-*},
     * {@code <project>-<stack>*}, {@code /<project>/<stack>/*}, {@code /aws/<service
     * path>/<project>-<stack>*}) in place of the name (region and account as the template has
     * them).
     */
    List<String> named(Entry entry) {
      var project = project();
      var stack = stack();
      var names =
          List.of(
              stack + "-*",
              project + "-" + stack + "*",
              "/" + project + "/" + stack + "/*",
              "/aws/*/" + project + "-" + stack + "*");
      if (entry.arn().startsWith("{")) {
        return names.stream().map(name -> context.arn(entry.service(), name)).toList();
      }
      // arn:<partition>:<service>:<region>:<account>:<resource>; the resource may hold colons.
      var fields = entry.arn().split(":", 6);
      var service = fields[2];
      var regional = !fields[3].isEmpty();
      var owned = !fields[4].isEmpty();
      var head = fields[5].substring(0, fields[5].lastIndexOf('{'));
      BinaryOperator<String> arn =
          regional ? context::arn : owned ? context::globalArn : context::arnWithoutAccount;
      return names.stream().map(name -> arn.apply(service, head + name)).toList();
    }
  }

  private DeployPermissions() {}

  private static Map<String, Entry> declared(Scope s, DeployActionTable table) {
    var out = new TreeMap<String, Entry>();
    s.needs().forEach(n -> n.types().forEach(t -> out.put(t, table.type(t))));
    return out;
  }

  private static Set<String> invokeActions(Scope s, DeployActionTable table) {
    var out = new TreeSet<String>();
    s.needs().forEach(n -> n.invokes().forEach(i -> out.addAll(table.invoke(i))));
    return out;
  }

  /** What preview and drift may read: the table's reads of every declared type and invoke. */
  static List<PolicyStatement> reads(Scope s, DeployActionTable table) {
    var actions = new TreeSet<String>(invokeActions(s, table));
    declared(s, table).values().forEach(e -> actions.addAll(e.plainReads()));
    return chunked("Read", new ArrayList<>(actions), b -> b.resource("*"));
  }

  /** The stack's secret values (drift refreshes the secret versions Pulumi manages). */
  static List<PolicyStatement> ownSecretValues(Scope s, DeployActionTable table) {
    var actions = new TreeSet<String>();
    declared(s, table).values().forEach(e -> actions.addAll(e.sensitiveRead()));
    if (actions.isEmpty()) {
      return List.of();
    }
    return List.of(
        ownedByStack(s, PolicyStatement.allow("OwnSecretValues").actions(List.copyOf(actions)))
            .build(),
        ownedByStack(s, PolicyStatement.allow("OwnSecretKeys").actions("kms:Decrypt"))
            .condition(
                "StringEquals", "kms:ViaService", "secretsmanager." + s.region() + ".amazonaws.com")
            .build());
  }

  /** Every statement of the deploy role. */
  static List<PolicyStatement> deploy(Scope s, DeployActionTable table) {
    var types = declared(s, table);
    var statements = new ArrayList<PolicyStatement>(reads(s, table));
    var byConfine = new TreeMap<Confine, List<Entry>>();
    types
        .values()
        .forEach(e -> byConfine.computeIfAbsent(e.confine(), k -> new ArrayList<>()).add(e));

    var tagged = byConfine.getOrDefault(Confine.TAG, List.of());
    statements.addAll(
        chunked(
            "CreateWithStackTag",
            union(tagged, Entry::create),
            b ->
                b.resource("*")
                    .condition("StringEquals", "aws:RequestTag/" + STACK_TAG, s.stack())));
    // Follow-up calls of a create, updates, deletes, tag changes: on the stack's resources only.
    statements.addAll(
        chunked("ChangeOwn", union(tagged, Entry::changes), b -> ownedByStack(s, b.resource("*"))));
    statements.addAll(tagsAtCreate(s, tagged));

    var named = byConfine.getOrDefault(Confine.NAME, List.of());
    for (var service : services(named)) {
      var entries = named.stream().filter(e -> e.service().equals(service)).toList();
      statements.addAll(
          chunked(
              "ChangeNamed" + sidPart(service),
              union(entries, Entry::changes),
              b -> resources(b, namedArns(s, entries))));
    }
    statements.addAll(regional(s, byConfine.getOrDefault(Confine.REGION, List.of())));
    statements.addAll(iam(s, types.values()));
    statements.addAll(runTasks(s));
    statements.addAll(dns(s));
    statements.addAll(tagGuards(s, types.values()));
    statements.addAll(state(s, true));
    return statements;
  }

  /**
   * A new resource's tags are authorized with the create (KMS, Secrets Manager, RDS, ... check the
   * tag action too). EC2, ECS and ELB say which create the tag belongs to; elsewhere the ARN
   * carries the stack's name, or, for services with random ids, the resource has no Stack tag yet.
   */
  private static List<PolicyStatement> tagsAtCreate(Scope s, List<Entry> tagged) {
    var out = new ArrayList<PolicyStatement>();
    for (var service : services(tagged)) {
      var entries = tagged.stream().filter(e -> e.service().equals(service)).toList();
      var tagActions = union(entries, Entry::tag);
      if (tagActions.isEmpty()) {
        continue;
      }
      var b =
          PolicyStatement.allow("TagAtCreate" + sidPart(service))
              .actions(tagActions)
              .condition("StringEquals", "aws:RequestTag/" + STACK_TAG, s.stack());
      if (CREATE_ACTION_KEY.contains(service)) {
        var creates =
            // An Auto Scaling group tags its instances at launch: EC2's create is RunInstances.
            Stream.concat(
                    entries.stream().flatMap(e -> e.createAction().stream()),
                    "ec2".equals(service)
                        ? tagged.stream().flatMap(e -> e.launchCreateAction().stream())
                        : Stream.empty())
                .distinct()
                .sorted()
                .toList();
        b.resource("*")
            .condition("StringEquals", service + ":CreateAction", creates.toArray(String[]::new));
      } else if (RANDOM_ARN.contains(service)) {
        b.resource("*").condition("Null", "aws:ResourceTag/" + STACK_TAG, "true");
      } else {
        resources(b, namedArns(s, entries));
      }
      out.add(b.build());
    }
    return out;
  }

  /** The name-form ARNs of the entries, each distinct template once. */
  private static List<String> namedArns(Scope s, List<Entry> entries) {
    var byTemplate = new LinkedHashMap<String, Entry>();
    entries.forEach(e -> byTemplate.putIfAbsent(templateHead(e), e));
    return byTemplate.values().stream().flatMap(e -> s.named(e).stream()).toList();
  }

  private static String templateHead(Entry e) {
    var template = e.arn().startsWith("{") ? e.service() : e.arn();
    return template.substring(0, Math.max(0, template.lastIndexOf('{')));
  }

  /** Types without resource-level permissions, and the alarms target tracking makes for them. */
  private static List<PolicyStatement> regional(Scope s, List<Entry> entries) {
    if (entries.isEmpty()) {
      return List.of();
    }
    var out = new ArrayList<PolicyStatement>();
    out.add(
        PolicyStatement.allow("RegionalNoResourceLevel")
            .actions(union(entries, Entry::changes))
            .resource("*")
            .condition("StringEquals", "aws:RequestedRegion", s.region())
            .build());
    var alarms = union(entries, Entry::targetTrackingAlarms);
    if (!alarms.isEmpty()) {
      // Application Auto Scaling names them TargetTracking-<resource id>-...; the resource id of
      // an ECS service starts with service/<cluster>, and the cluster carries the stack's name.
      out.add(
          PolicyStatement.allow("TargetTrackingAlarms")
              .actions(alarms)
              .resource(
                  s.context().arn("cloudwatch", "alarm:TargetTracking-service/" + s.stack() + "-*"))
              .build());
    }
    return out;
  }

  private static List<PolicyStatement> iam(Scope s, java.util.Collection<Entry> types) {
    var workloadRoles = s.context().globalArn("iam", "role" + s.rolePath() + "*");
    var workloadPolicies = s.context().globalArn("iam", "policy" + s.rolePath() + "*");
    var instanceProfiles = s.context().globalArn("iam", "instance-profile" + s.rolePath() + "*");
    var ciRoles = s.context().globalArn("iam", "role" + s.ciPath() + "*");
    var out = new ArrayList<PolicyStatement>();
    out.add(
        PolicyStatement.allow("CreateAndChangeBoundedWorkloadRoles")
            .actions(
                "iam:CreateRole",
                "iam:PutRolePermissionsBoundary",
                "iam:PutRolePolicy",
                "iam:DeleteRolePolicy",
                "iam:AttachRolePolicy",
                "iam:DetachRolePolicy",
                "iam:UpdateRole",
                "iam:UpdateRoleDescription",
                "iam:DeleteRole")
            .resource(workloadRoles)
            .condition("StringEquals", PERMISSIONS_BOUNDARY_KEY, s.boundaryArn())
            .build());
    out.add(
        PolicyStatement.allow("TagWorkloadRolesForTheStack")
            .actions("iam:TagRole", "iam:UntagRole")
            .resource(workloadRoles)
            .condition("StringEquals", "aws:RequestTag/" + STACK_TAG, s.stack())
            .build());
    out.add(
        PolicyStatement.allow("UntagWorkloadRoles")
            .actions("iam:UntagRole")
            .resource(workloadRoles)
            .build());
    out.add(
        PolicyStatement.allow("WorkloadPoliciesAndProfiles")
            .actions(
                "iam:CreatePolicy",
                "iam:CreatePolicyVersion",
                "iam:DeletePolicyVersion",
                "iam:DeletePolicy",
                "iam:TagPolicy",
                "iam:UntagPolicy",
                "iam:CreateInstanceProfile",
                "iam:AddRoleToInstanceProfile",
                "iam:RemoveRoleFromInstanceProfile",
                "iam:DeleteInstanceProfile",
                "iam:TagInstanceProfile",
                "iam:UntagInstanceProfile")
            .resource(workloadPolicies)
            .resource(instanceProfiles)
            .build());
    // A role goes only to the service its component makes it for (PassRole's own condition key).
    for (var need : s.needs()) {
      var services =
          need.types().stream()
              .flatMap(t -> types.stream().filter(e -> e.type().equals(t)))
              .flatMap(e -> e.passRole().stream())
              .distinct()
              .sorted()
              .toList();
      if (services.isEmpty() || need.roleNamePrefix().isEmpty()) {
        continue;
      }
      out.add(
          PolicyStatement.allow("PassRoles" + sidPart(need.component()))
              .actions("iam:PassRole")
              .resource(
                  s.context().globalArn("iam", "role" + s.rolePath() + need.roleNamePrefix() + "*"))
              .condition("StringEquals", "iam:PassedToService", services.toArray(String[]::new))
              .build());
    }
    var linked =
        types.stream().flatMap(e -> e.serviceLinkedRole().stream()).distinct().sorted().toList();
    if (!linked.isEmpty()) {
      out.add(
          PolicyStatement.allow("CreateServiceLinkedRoles")
              .actions("iam:CreateServiceLinkedRole")
              .resource(s.context().globalArn("iam", "role/aws-service-role/*"))
              .condition("StringEquals", "iam:AWSServiceName", linked.toArray(String[]::new))
              .build());
    }
    out.add(
        PolicyStatement.deny("NeverTouchTheBoundary")
            .actions(
                "iam:CreatePolicyVersion",
                "iam:DeletePolicy",
                "iam:DeletePolicyVersion",
                "iam:SetDefaultPolicyVersion")
            .resource(s.boundaryArn())
            .build());
    // IAM has no condition key on a trust policy's content (Service Authorization Reference, IAM:
    // UpdateAssumeRolePolicy has none): trust changes stay with the administrator.
    out.add(
        PolicyStatement.deny("NoTrustChangesNoBoundaryRemoval")
            .actions("iam:UpdateAssumeRolePolicy", "iam:DeleteRolePermissionsBoundary")
            .resource("*")
            .build());
    out.add(
        PolicyStatement.deny("NeverChangeTheCiRoles")
            .actions(
                "iam:PutRolePolicy",
                "iam:DeleteRolePolicy",
                "iam:AttachRolePolicy",
                "iam:DetachRolePolicy",
                "iam:PutRolePermissionsBoundary",
                "iam:DeleteRole",
                "iam:UpdateRole",
                "iam:TagRole",
                "iam:UntagRole")
            .resource(ciRoles)
            .build());
    return out;
  }

  /**
   * One-off tasks (migrations) of the declared families only, and what the pipeline needs to wait
   * for one and show its end (scripts/deploy.sh run-migration): the tasks of the declaring
   * component's clusters ({@code <component>-...}, named by the component) and the log streams of
   * the stack's own log groups ({@code /<project>/<stack>/...}); resource types per the Service
   * Authorization Reference (task {@code task/<cluster>/<id>}, log-stream).
   */
  private static List<PolicyStatement> runTasks(Scope s) {
    var runners = s.needs().stream().filter(n -> !n.taskFamilies().isEmpty()).toList();
    if (runners.isEmpty()) {
      return List.of();
    }
    var families =
        runners.stream().flatMap(n -> n.taskFamilies().stream()).distinct().sorted().toList();
    return List.of(
        resources(
                PolicyStatement.allow("RunOwnTaskFamilies").actions("ecs:RunTask"),
                families.stream()
                    .map(f -> s.context().arn("ecs", "task-definition/" + f + ":*"))
                    .toList())
            .build(),
        resources(
                PolicyStatement.allow("WatchOwnTasks").actions("ecs:DescribeTasks"),
                runners.stream()
                    .map(n -> s.context().arn("ecs", "task/" + n.component() + "-*/*"))
                    .toList())
            .build(),
        PolicyStatement.allow("ReadOwnTaskLogs")
            .actions("logs:GetLogEvents")
            .resource(
                s.context()
                    .arn("logs", "log-group:/" + s.project() + "/" + s.stack() + "/*:log-stream:*"))
            .build());
  }

  /**
   * Route 53: record changes only of the names and types the components declare (the app's alias
   * and certificate-validation records, delegations), one statement per component (Route 53
   * developer guide, "Using IAM policy conditions for fine-grained access control").
   */
  private static List<PolicyStatement> dns(Scope s) {
    var out = new ArrayList<PolicyStatement>();
    for (var need : s.needs()) {
      if (need.records().isEmpty()) {
        continue;
      }
      var names = new TreeSet<String>();
      need.records().values().forEach(names::addAll);
      out.add(
          PolicyStatement.allow("DnsRecords" + sidPart(need.component()))
              .actions("route53:ChangeResourceRecordSets")
              .resource(s.context().arnWithoutAccount("route53", "hostedzone/*"))
              .condition(
                  "ForAllValues:StringLike",
                  "route53:ChangeResourceRecordSetsNormalizedRecordNames",
                  names.toArray(String[]::new))
              .condition(
                  "ForAllValues:StringEquals",
                  "route53:ChangeResourceRecordSetsRecordTypes",
                  new TreeSet<>(need.records().keySet()).toArray(String[]::new))
              .build());
    }
    return out;
  }

  /**
   * The Stack tag is the boundary between stacks: never removed, never set to another stack, and
   * nothing carrying another stack's tag is changed.
   */
  private static List<PolicyStatement> tagGuards(Scope s, java.util.Collection<Entry> types) {
    var untag = union(types, Entry::untag);
    var tag = union(types, Entry::tag);
    var changes = union(types, Entry::changes);
    var out = new ArrayList<PolicyStatement>();
    out.add(
        PolicyStatement.deny("NeverRemoveTheStackTag")
            .actions(untag)
            .resource("*")
            .condition("ForAnyValue:StringEqualsIgnoreCase", "aws:TagKeys", STACK_TAG)
            .build());
    out.add(
        PolicyStatement.deny("NeverTagForAnotherStack")
            .actions(tag)
            .resource("*")
            .condition("StringNotEquals", "aws:RequestTag/" + STACK_TAG, s.stack())
            .condition("Null", "aws:RequestTag/" + STACK_TAG, "false")
            .build());
    out.addAll(
        chunked(
            "NeverChangeAnotherStacks",
            changes,
            b ->
                b.resource("*")
                    .condition("StringNotEquals", "aws:ResourceTag/" + STACK_TAG, s.stack())
                    .condition("Null", "aws:ResourceTag/" + STACK_TAG, "false"),
            true));
    return out;
  }

  /** Read (and for deploy also write) the stack's checkpoints; use the state key. */
  static List<PolicyStatement> state(Scope s, boolean write) {
    // The DIY backend keeps a stack's checkpoint, history, backups and locks under
    // .pulumi/<kind>/[organization/]<project>/<stack>...: only this stack's, never the other's.
    var own = "/.pulumi/*/" + s.project() + "/" + s.stack();
    var objects =
        List.of(
            s.stateBucket().applyValue(b -> s.context().s3Arn(b + own + ".*")),
            s.stateBucket().applyValue(b -> s.context().s3Arn(b + own + "/*")));
    var objectActions =
        write
            ? List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")
            : List.of("s3:GetObject");
    var keyActions =
        write
            ? List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey")
            : List.of("kms:Decrypt");
    return List.of(
        PolicyStatement.allow("StateBucketList")
            .actions("s3:ListBucket", "s3:GetBucketLocation")
            .resource(s.stateBucket().applyValue(s.context()::s3Arn))
            .build(),
        PolicyStatement.allow("StateObjects").actions(objectActions).resources(objects).build(),
        // The backend's layout version, read at login.
        PolicyStatement.allow("StateBackendMeta")
            .actions("s3:GetObject")
            .resource(s.stateBucket().applyValue(b -> s.context().s3Arn(b + "/.pulumi/meta.yaml")))
            .build(),
        s.stateKey().scope(PolicyStatement.allow("StateKey")).actions(keyActions).build());
  }

  private static PolicyStatement.Builder resources(PolicyStatement.Builder b, List<String> arns) {
    arns.forEach(b::resource);
    return b;
  }

  private static PolicyStatement.Builder ownedByStack(Scope s, PolicyStatement.Builder b) {
    return b.resource("*").condition("StringEquals", "aws:ResourceTag/" + STACK_TAG, s.stack());
  }

  /** Splits policies into managed policies under IAM's size limit. */
  static List<List<PolicyStatement>> managedPolicies(List<PolicyStatement> statements) {
    var out = new ArrayList<List<PolicyStatement>>();
    var current = new ArrayList<PolicyStatement>();
    var size = 0;
    for (var statement : statements) {
      var next = statement.estimatedSize();
      if (!current.isEmpty() && size + next > MANAGED_POLICY_LIMIT - 200) {
        out.add(current);
        current = new ArrayList<>();
        size = 0;
      }
      current.add(statement);
      size += next;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private static List<PolicyStatement> chunked(
      String sid,
      List<String> actions,
      java.util.function.UnaryOperator<PolicyStatement.Builder> scope) {
    return chunked(sid, actions, scope, false);
  }

  /** Statements of at most ~2,500 characters of actions, so that each fits a managed policy. */
  private static List<PolicyStatement> chunked(
      String sid,
      List<String> actions,
      java.util.function.UnaryOperator<PolicyStatement.Builder> scope,
      boolean deny) {
    var out = new ArrayList<PolicyStatement>();
    var part = new ArrayList<String>();
    var length = 0;
    var parts = new ArrayList<List<String>>();
    for (var action : actions) {
      if (length + action.length() + 3 > 2500 && !part.isEmpty()) {
        parts.add(part);
        part = new ArrayList<>();
        length = 0;
      }
      part.add(action);
      length += action.length() + 3;
    }
    if (!part.isEmpty()) {
      parts.add(part);
    }
    for (int i = 0; i < parts.size(); i++) {
      var name = parts.size() == 1 ? sid : sid + (i + 1);
      var b = deny ? PolicyStatement.deny(name) : PolicyStatement.allow(name);
      out.add(scope.apply(b.actions(parts.get(i))).build());
    }
    return out;
  }

  private static List<String> union(
      java.util.Collection<Entry> entries, java.util.function.Function<Entry, List<String>> f) {
    var out = new LinkedHashSet<String>();
    entries.forEach(e -> out.addAll(f.apply(e)));
    return out.stream().sorted().toList();
  }

  private static List<String> services(List<Entry> entries) {
    return entries.stream().map(Entry::service).distinct().sorted().toList();
  }

  private static String sidPart(String text) {
    var out = new StringBuilder();
    for (var word : text.split("[^A-Za-z0-9]+")) {
      if (!word.isEmpty()) {
        out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return out.toString();
  }
}
