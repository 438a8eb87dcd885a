// Turns every resource of a synthesized graph into the API requests its lifecycle makes (per the
// action table), each with the ARN and the request context AWS sends: aws:RequestTag/aws:TagKeys at
// create, aws:ResourceTag once the resource exists, iam:PermissionsBoundary, iam:PassedToService.
const GLOBAL = new Set(['iam', 'route53', 'budgets', 'sts']);
export const ROLE_PROPS = ['iamRoleArn', 'monitoringRoleArn', 'executionRoleArn', 'taskRoleArn', 'role'];

export function service(action) {
  return action.split(':')[0];
}

function lookup(model, ref) {
  if (ref === undefined || ref === null || ref === '') return undefined;
  return model.byId.get(ref) ?? model.byArn.get(ref) ?? model.resources.find((r) => r.props?.name === ref);
}

export function resolveArn(model, r, template) {
  return template.replace(/\{([a-zA-Z]+)(?::([a-zA-Z]+))?\}/g, (_, kind, arg) => {
    switch (kind) {
      case 'region':
        return model.region;
      case 'account':
        return model.account;
      case 'id':
        return r.id;
      case 'name':
        return r.props?.name ?? r.id;
      case 'arn':
        if (!r.arn) throw new Error(`${r.name} (${r.type}) has no ARN in the graph`);
        return r.arn;
      case 'prop': {
        const value = r.props?.[arg];
        if (typeof value !== 'string') throw new Error(`${r.name} has no string input ${arg}`);
        return value;
      }
      case 'arnById': {
        const target = lookup(model, r.props?.[arg]);
        if (target?.arn) return target.arn;
        if (typeof r.props?.[arg] === 'string' && r.props[arg].startsWith('arn:')) return r.props[arg];
        throw new Error(`${r.name}: ${arg} does not name a resource with an ARN`);
      }
      default:
        throw new Error(`unknown placeholder ${kind}`);
    }
  });
}

const requestTags = (tags) => {
  const out = { 'aws:TagKeys': Object.keys(tags) };
  for (const [k, v] of Object.entries(tags)) out[`aws:RequestTag/${k}`] = v;
  return out;
};
export const resourceTags = (tags) => {
  const out = {};
  for (const [k, v] of Object.entries(tags)) out[`aws:ResourceTag/${k}`] = v;
  return out;
};

/** The role a resource hands to a service, if any (flow log, RDS monitoring, task definition). */
function passedRoles(model, r) {
  return ROLE_PROPS.map((p) => r.props?.[p])
    .filter((v) => typeof v === 'string' && v.startsWith('arn:aws:iam::'))
    .filter((v, i, all) => all.indexOf(v) === i);
}

/** Administrator-managed: account-level, the CI roles and their policies, the boundary. */
export function adminManaged(model, r, entry) {
  if (entry.confine === 'account') return true;
  if (!r.type.startsWith('aws:iam/')) return false;
  const role = lookup(model, r.props?.role);
  const path = r.props?.path ?? role?.props?.path;
  return path === model.ciPath;
}

/**
 * Every request of a resource's lifecycle: {op, action, resource, context, resourcePolicy?}.
 * op is create, read, sensitiveRead, update, tag, untag or delete.
 */
export function lifecycle(model, r, entry) {
  const arn = resolveArn(model, r, entry.arn);
  const taggable = entry.tag.length > 0;
  const parent = entry.tagsFrom ? lookup(model, r.props?.[entry.tagsFrom]) : undefined;
  if (entry.tagsFrom && !parent) throw new Error(`${r.name}: ${entry.tagsFrom} names no resource of the graph`);
  const tags = taggable ? model.tagsOf(r) : parent ? model.tagsOf(parent) : {};
  const existing = resourceTags(tags);
  const iamRole = r.type === 'aws:iam/role:Role' ? r : r.type.startsWith('aws:iam/role') ? lookup(model, r.props?.role) : undefined;
  const boundary = iamRole?.props?.permissionsBoundary ? { 'iam:PermissionsBoundary': iamRole.props.permissionsBoundary } : {};
  const keyPolicy = r.type === 'aws:kms/key:Key' ? JSON.parse(r.props.policy) : undefined;
  const out = [];
  // Route 53 sends the changed record names and types (Route 53 developer guide, "Using IAM
  // policy conditions for fine-grained access control").
  const records = r.type === 'aws:route53/record:Record'
    ? {
        'route53:ChangeResourceRecordSetsNormalizedRecordNames': [String(r.props.name).toLowerCase().replace(/\.$/, '')],
        'route53:ChangeResourceRecordSetsRecordTypes': [r.props.type],
        'route53:ChangeResourceRecordSetsActions': ['UPSERT'],
      }
    : {};
  const add = (op, action, resource, context) =>
    out.push({ op, action, resource, context: { ...boundary, ...records, ...context }, resourcePolicy: keyPolicy });

  // create: the first action creates (request tags); follow-ups see the tagged resource.
  entry.create.forEach((action, i) => {
    const fresh = i === 0 && !entry.adopted;
    add('create', action, arn, fresh ? { ...(taggable ? requestTags(tags) : {}), ...(taggable ? {} : existing) } : existing);
  });
  if (entry.alsoOn?.create && entry.create.length > 0) {
    const parentArn = resolveArn(model, r, entry.alsoOn.create);
    const owner = model.byArn.get(parentArn) ?? model.resources.find((x) => parentArn.endsWith(`/${x.id}`) || parentArn.endsWith(`:${x.id}`));
    add('create', entry.create[0], parentArn, { ...requestTags(tags), ...resourceTags(owner ? model.tagsOf(owner) : {}) });
  }
  if (taggable && entry.tagOnCreate && !entry.adopted) {
    const ctx = requestTags(tags);
    if (entry.createAction) ctx[`${service(entry.tagOnCreate)}:CreateAction`] = entry.createAction;
    add('create', entry.tagOnCreate, arn, ctx);
  }
  // A create that launches instances (an Auto Scaling group) needs RunInstances and the
  // instances' and volumes' tags at launch with the caller's rights.
  if (entry.launchCreateAction) {
    const launched = requestTags(tags);
    for (const kind of ['instance', 'volume']) {
      const target = `arn:aws:ec2:${model.region}:${model.account}:${kind}/*`;
      add('create', `ec2:${entry.launchCreateAction}`, target, launched);
      add('create', 'ec2:CreateTags', target, { ...launched, 'ec2:CreateAction': entry.launchCreateAction });
    }
  }
  if (entry.passRole) {
    for (const role of passedRoles(model, r)) {
      out.push({ op: 'create', action: 'iam:PassRole', resource: role, context: { 'iam:PassedToService': entry.passRole } });
    }
  }
  if (entry.serviceLinkedRole) {
    out.push({
      op: 'create',
      action: 'iam:CreateServiceLinkedRole',
      resource: `arn:aws:iam::${model.account}:role/aws-service-role/${entry.serviceLinkedRole}/AWSServiceRole`,
      context: { 'iam:AWSServiceName': entry.serviceLinkedRole },
    });
  }
  for (const action of entry.targetTrackingAlarms ?? []) {
    const target = model.resources.find((x) => x.type === 'aws:appautoscaling/target:Target' && x.props.resourceId === r.props.resourceId);
    out.push({
      op: /:(Describe|Get|List)/.test(action) ? 'read' : 'create',
      action,
      resource: `arn:aws:cloudwatch:${model.region}:${model.account}:alarm:TargetTracking-${(target ?? r).props.resourceId}-AlarmHigh-0f1e2d3c`,
      context: {},
    });
  }
  for (const action of entry.read) {
    add((entry.sensitiveRead ?? []).includes(action) ? 'sensitiveRead' : 'read', action, arn, existing);
  }
  for (const action of entry.update) add('update', action, arn, existing);
  for (const action of entry.tag) add('tag', action, arn, { ...existing, ...requestTags(tags) });
  for (const action of entry.untag) add('untag', action, arn, { ...existing, 'aws:TagKeys': ['Name'] });
  for (const action of entry.delete) add('delete', action, arn, existing);
  return out;
}

export function regionFor(model, action) {
  return GLOBAL.has(service(action)) ? 'us-east-1' : model.region;
}
