// Runs one request through @cloud-copilot/iam-simulate, a real IAM policy evaluator.
import { createValidatedPolicy, validateTrustPolicy } from '@cloud-copilot/iam-policy';
import { runSimulation, runUnsafeSimulation, isWildcardOnlyAction } from '@cloud-copilot/iam-simulate';
import { regionFor } from './requests.mjs';

const wildcardOnly = new Map();
async function isWildcard(action) {
  if (!wildcardOnly.has(action)) {
    const [svc, name] = action.split(':');
    wildcardOnly.set(action, await isWildcardOnlyAction(svc, name));
  }
  return wildcardOnly.get(action);
}

/**
 * Whether a principal with these identity policies (and boundary) may make the request.
 * Returns {allowed, result, detail}.
 */
export async function evaluate(model, principal, request, { policies, boundary } = {}) {
  const resource = (await isWildcard(request.action)) ? '*' : request.resource;
  const simulation = {
    request: {
      principal,
      action: request.action,
      // A request may name the resource's account when it is not the principal's (a cross-account pull).
      resource: { resource, accountId: request.resourceAccount ?? model.account },
      contextVariables: {
        'aws:RequestedRegion': regionFor(model, request.action),
        'aws:SecureTransport': 'true',
        'aws:PrincipalArn': principal,
        'aws:PrincipalAccount': model.account,
        ...request.context,
      },
    },
    identityPolicies: policies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: resource === '*' ? undefined : request.resourcePolicy,
    permissionBoundaryPolicies: boundary ? [{ name: 'boundary', policy: boundary }] : undefined,
  };
  let result = await runSimulation(simulation, {});
  if (result.resultType === 'error' && /no\.resource\.types/.test(JSON.stringify(result.errors))) {
    // The table's ARN is the resource's own; this read is authorized on another resource type
    // (a member cluster, a Route 53 change): evaluate it on any resource.
    simulation.request.resource.resource = '*';
    simulation.resourcePolicy = undefined;
    result = await runSimulation(simulation, {});
  }
  if (result.resultType === 'error') {
    return { allowed: false, result: 'Error', detail: JSON.stringify(result.errors) };
  }
  return { allowed: result.overallResult === 'Allowed', result: result.overallResult, detail: '' };
}

/**
 * A trust policy against an OIDC token's claims. The catalogue lists no
 * token.actions.githubusercontent.com keys for sts:AssumeRoleWithWebIdentity (AWS documents the
 * provider-specific keys separately: IAM user guide, "Available keys for AWS OIDC federation"), so
 * the validating runner would drop them: the claims go to the evaluator unfiltered.
 */
export function evaluateTrust(model, roleArn, trust, claims) {
  const validated = createValidatedPolicy(trust, validateTrustPolicy, { name: 'trust' });
  if (validated.errors.length > 0) throw new Error(`invalid trust policy: ${JSON.stringify(validated.errors)}`);
  const result = runUnsafeSimulation(
    {
      request: {
        principal: `arn:aws:iam::${model.account}:oidc-provider/token.actions.githubusercontent.com`,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: { resource: roleArn, accountId: model.account },
        contextVariables: claims,
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      // Validated up front (and named), as the validating runner would do.
      resourcePolicy: validated,
    },
    {},
  );
  return (result.result ?? result) === 'Allowed';
}
