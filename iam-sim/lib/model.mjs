// Reads a synthesized graph (target/synth/<stack>.json) and the sourced action table into what
// the simulation needs: the CI roles with their policies and trust, the workload boundary, and
// every resource with its ARN and effective tags (provider default tags + its own).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const tablePath = path.join(repoRoot, 'src/main/resources/iam/deploy-actions.json');

export function loadTable() {
  return JSON.parse(fs.readFileSync(tablePath, 'utf8'));
}

export function synthStacks() {
  const dir = path.join(repoRoot, 'target/synth');
  const stacks = fs
    .readdirSync(dir)
    .filter((f) => /^[a-z0-9-]+\.json$/.test(f) && !f.endsWith('.report.json'))
    .map((f) => f.replace(/\.json$/, ''));
  if (stacks.length === 0) throw new Error(`no synthesized graph in ${dir}: run the synth first`);
  return stacks.sort();
}

const parse = (text) => (typeof text === 'string' ? JSON.parse(text) : text);

export function loadStack(stack) {
  const file = path.join(repoRoot, 'target/synth', `${stack}.json`);
  const graph = JSON.parse(fs.readFileSync(file, 'utf8'));
  const provider = graph.resources.find((r) => r.type === 'pulumi:providers:aws');
  const defaultTags = parse(provider?.props?.defaultTags ?? '{}').tags ?? {};
  const region = provider?.props?.region ?? 'us-east-1';
  const callerArn = 'arn:aws:iam::123456789012:role/offline-synth';
  const account = (graph.resources.find((r) => r.arn?.startsWith('arn:aws:iam::'))?.arn ?? callerArn).split(':')[4];
  const custom = graph.resources.filter((r) => r.custom && !r.type.startsWith('pulumi:providers:'));
  const byId = new Map(custom.filter((r) => r.id).map((r) => [r.id, r]));
  const byArn = new Map(custom.filter((r) => r.arn).map((r) => [r.arn, r]));
  const tagsOf = (r) => ({ ...defaultTags, ...(r.props?.tags ?? {}) });
  const policies = custom.filter((r) => r.type === 'aws:iam/policy:Policy');
  const roles = custom.filter((r) => r.type === 'aws:iam/role:Role');

  // A role's identity policies: managed attachments and inline policies, as the graph wires them.
  const roleByRef = (ref) => roles.find((r) => r.id === ref || r.arn === ref || r.name === ref);
  // skipAwsManaged: leave out AWS-managed attachments (their documents are not in the graph).
  const identityPolicies = (role, { skipAwsManaged = false } = {}) => {
    const out = [];
    for (const a of custom.filter((r) => r.type === 'aws:iam/rolePolicyAttachment:RolePolicyAttachment')) {
      if (roleByRef(a.props.role) !== role) continue;
      if (skipAwsManaged && a.props.policyArn.startsWith('arn:aws:iam::aws:policy/')) continue;
      const policy = policies.find((p) => p.arn === a.props.policyArn);
      if (!policy) throw new Error(`${a.name} attaches ${a.props.policyArn}, which is not in the graph`);
      out.push({ name: policy.name, policy: parse(policy.props.policy) });
    }
    for (const p of custom.filter((r) => r.type === 'aws:iam/rolePolicy:RolePolicy')) {
      if (roleByRef(p.props.role) === role) out.push({ name: p.name, policy: parse(p.props.policy) });
    }
    return out;
  };
  const ciRole = (suffix) => {
    const role = roles.find((r) => r.name === `${stack}-${suffix}`);
    if (!role) throw new Error(`no role ${stack}-${suffix} in ${file}`);
    return {
      name: role.name,
      arn: role.arn,
      maxSessionDuration: role.props.maxSessionDuration,
      trust: parse(role.props.assumeRolePolicy),
      policies: identityPolicies(role),
    };
  };
  const boundary = policies.find((p) => p.name === `${stack}-workload-boundary-policy`);
  return {
    stack,
    project: graph.project,
    region,
    account,
    graph,
    resources: custom,
    invokes: graph.invokes ?? [],
    byId,
    byArn,
    tagsOf,
    roles: {
      deploy: ciRole('deploy-access-deploy'),
      preview: ciRole('deploy-access-preview'),
      drift: ciRole('deploy-access-drift'),
      publisher: ciRole('image-publisher-role'),
    },
    workloadRoles: roles.filter((r) => r.props.permissionsBoundary),
    /**
     * A role of the graph by its ARN or id, with its identity policies (for the workload needs). An
     * AWS-managed policy it also carries (Session Manager on the NAT instances) is left out: only
     * allowed cases could pass through it, and none of the needs is one of its actions.
     */
    roleByArn: (ref) => {
      const role = roles.find((r) => r.arn === ref || r.id === ref);
      if (!role) throw new Error(`${file} has no role ${ref}`);
      return { name: role.name, arn: role.arn, boundaryArn: role.props.permissionsBoundary, policies: identityPolicies(role, { skipAwsManaged: true }) };
    },
    boundary: { name: boundary.name, arn: boundary.arn, policy: parse(boundary.props.policy) },
    ciPath: roles.find((r) => r.name === `${stack}-deploy-access-deploy`).props.path,
  };
}
