#!/usr/bin/env bash
# The AWS account, Pulumi backend, registries and GitHub the fakes pretend to be, kept in files under
# $FAKE_STATE so that a call changes what later calls see (a pulumi up applies the config, a
# created bucket then exists). scripts/test/delivery-test.sh sources scenario overrides after this.
S=$FAKE_STATE
REPO_URL="${FAKE_ACCOUNT:-000000000000}.dkr.ecr.us-east-1.amazonaws.com/knowledge-card-${FAKE_STACK:-staging}/app"
DIGEST_RE='sha256:[0-9a-f]{64}'

arg_after() { # <flag> <args...>: the value following <flag>
  local flag=$1
  shift
  while (($# > 1)); do
    [[ "$1" == "$flag" ]] && { printf '%s' "$2"; return 0; }
    shift
  done
  return 1
}

applied() { cat "$S/applied/knowledge-card:$1" 2>/dev/null || true; } # config of the last pulumi up

fake_aws() {
  case "$1 $2" in
    "sts get-caller-identity")
      if [[ -f "$S/expired" ]]; then
        echo "An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired" >&2
        return 254
      fi
      echo "$FAKE_ACCOUNT" ;;
    "kms describe-key")
      [[ -f "$S/kms" ]] || { echo "An error occurred (NotFoundException) when calling the DescribeKey operation" >&2; return 254; }
      echo "arn:aws:kms:us-east-1:$FAKE_ACCOUNT:key/1234abcd-12ab-34cd-56ef-1234567890ab" ;;
    "kms create-key")
      touch "$S/kms"
      echo "arn:aws:kms:us-east-1:$FAKE_ACCOUNT:key/1234abcd-12ab-34cd-56ef-1234567890ab" ;;
    "s3api head-bucket") [[ -f "$S/bucket" ]] || return 254 ;;
    "s3api create-bucket") touch "$S/bucket" ;;
    "route53 list-reusable-delegation-sets")
      if [[ -f "$S/delegation-set" ]]; then
        echo '{"DelegationSets":[{"Id":"/delegationset/N0123456789ABCDEFGHIJ","CallerReference":"knowledge-card-staging"}]}'
      else
        echo '{"DelegationSets":[]}'
      fi ;;
    "route53 create-reusable-delegation-set")
      touch "$S/delegation-set"
      echo "/delegationset/N0123456789ABCDEFGHIJ" ;;
    "route53 get-reusable-delegation-set")
      echo '["ns-1111.awsdns-11.org","ns-222.awsdns-22.com","ns-1333.awsdns-33.co.uk","ns-444.awsdns-44.net"]' ;;
    "secretsmanager describe-secret")
      local id name
      id=$(arg_after --secret-id "$@")
      name=${id##*:secret:}
      name=${name%-??????}
      if [[ -f "$S/filled/$name" ]]; then
        printf '{"Name":"%s","VersionIdsToStages":{"v1":["AWSCURRENT"]}}\n' "$name"
      elif [[ -f "$S/rotated/$name" ]]; then
        printf '{"Name":"%s","RotationEnabled":true}\n' "$name"
      else
        printf '{"Name":"%s"}\n' "$name"
      fi ;;
    "ecs describe-task-definition")
      local td image
      td=$(arg_after --task-definition "$@")
      if [[ "$td" == *migrate* ]]; then image="$REPO_URL@$(applied migrationImageTag)"; else image="$REPO_URL@$(applied imageTag)"; fi
      if [[ "$*" == *"--query taskDefinition.taskDefinitionArn"* ]]; then
        echo "arn:aws:ecs:us-east-1:$FAKE_ACCOUNT:task-definition/knowledge-card-${FAKE_STACK}-migrate:7"
      else
        jq -cn --arg i "$image" --arg c "$([[ "$td" == *migrate* ]] && echo migrate || echo app)" \
          '{taskDefinition: {containerDefinitions: [{name: $c, image: $i}]}}'
      fi ;;
    "ecs run-task")
      echo '{"tasks":[{"taskArn":"arn:aws:ecs:us-east-1:1:task/c/0123456789abcdef"}],"failures":[]}' ;;
    "ecs describe-tasks")
      if [[ "$*" == *"--query tasks[0].lastStatus"* ]]; then
        echo STOPPED
      else
        jq -cn --argjson code "${FAKE_MIGRATION_EXIT:-0}" \
          '{tasks: [{stoppedReason: "Essential container in task exited", containers: [{name: "migrate", exitCode: $code}]}]}'
      fi ;;
    "ecs describe-services")
      jq -cn --arg state "${FAKE_ROLLOUT:-COMPLETED}" --arg td "arn:aws:ecs:us-east-1:1:task-definition/knowledge-card-${FAKE_STACK}-app:9" \
        '{services: [{deployments: [{status: "PRIMARY", rolloutState: $state, rolloutStateReason: "fake", taskDefinition: $td}]}]}' ;;
    "logs get-log-events") echo "migration 0001 applied" ;;
    "ecr get-login-password") echo "fake-ecr-password" ;;
    "ecr describe-images")
      local repo tag
      repo=$(arg_after --repository-name "$@")
      tag=$(arg_after --image-ids "$@")
      cat "$S/images/${repo//\//_}/${tag#imageTag=}" 2>/dev/null || { echo "ImageNotFoundException" >&2; return 254; } ;;
  esac
}

fake_pulumi() {
  case "$1" in
    login) : ;;
    stack)
      case "$2" in
        ls) if [[ -f "$S/stack" ]]; then echo "[{\"name\":\"$FAKE_STACK\"}]"; else echo '[]'; fi ;;
        init)
          touch "$S/stack"
          # The real init writes the provider and the encrypted data key into the stack file.
          printf 'secretsprovider: %s\nencryptedkey: ZmFrZQ==\n' "$(arg_after --secrets-provider "$@")" >>"$FAKE_PROJECT/Pulumi.$FAKE_STACK.yaml" ;;
        output)
          local outputs
          outputs=$(jq -cn --arg stack "$FAKE_STACK" --arg image "$(applied imageTag)" --arg repo "$REPO_URL" '{
            migrationTask: {cluster: ("knowledge-card-" + $stack), taskDefinitionFamily: ("knowledge-card-" + $stack + "-migrate"),
              containerName: "migrate", subnets: ["subnet-a"], securityGroups: ["sg-app"], command: ["npm", "run", "migrate"],
              logGroupName: "/knowledge-card/app", logStreamPrefix: "migrate"},
            publicUrl: "https://staging.knowledgecard.app", clusterName: ("knowledge-card-" + $stack), serviceName: "app",
            ecrRepositoryUrl: $repo, githubDeployRoleArn: "arn:aws:iam::1:role/deploy", imagePublisherRoleArn: "arn:aws:iam::1:role/pub",
            githubPreviewRoleArn: "arn:aws:iam::1:role/preview", githubDriftRoleArn: "arn:aws:iam::1:role/drift"}
            + (if $image == "" then {} else {imageTag: $image, migrationImageTag: $image} end)')
          local name=${*: -1}
          if [[ "$name" != "--json" && "$name" != "$FAKE_STACK" ]]; then jq -c --arg n "$name" '.[$n]' <<<"$outputs"; else echo "$outputs"; fi ;;
        export)
          local secrets='[]'
          [[ -d "$S/secrets" ]] && secrets=$(find "$S/secrets" -type f -printf '%f\n' | sort | jq -R . | jq -sc .)
          jq -cn --argjson names "$secrets" --arg acct "$FAKE_ACCOUNT" '{deployment: {resources: [
            $names[] | {type: "aws:secretsmanager/secret:Secret", outputs: {arn: ("arn:aws:secretsmanager:us-east-1:" + $acct + ":secret:" + gsub("__"; "/") + "-Ab12Cd")}}]}}' ;;
      esac ;;
    config)
      mkdir -p "$S/config"
      case "$2" in
        set) printf '%s' "${*: -1}" >"$S/config/${*: -2:1}" ;;
        rm) rm -f "$S/config/${*: -1}" ;;
        get)
          local key=${*: -1}
          case "$key" in
            knowledge-card:hostedZoneOwned) [[ "$FAKE_STACK" == staging ]] && echo true || return 1 ;;
            knowledge-card:hostedZoneName) echo "staging.knowledgecard.app" ;;
            knowledge-card:githubRepository) echo "knowledgecard/knowledge-card" ;;
            *) return 1 ;;
          esac ;;
      esac ;;
    up)
      [[ -f "$S/up-fails" ]] && { echo "error: update failed" >&2; return 255; }
      local n
      n=$(($(cat "$S/ups" 2>/dev/null || echo 0) + 1))
      echo "$n" >"$S/ups"
      rm -rf "$S/applied"
      cp -r "$S/config" "$S/applied" 2>/dev/null || mkdir -p "$S/applied"
      # Resources a commit adds appear with the first update that runs it.
      if [[ -n "${FAKE_NEW_SECRET:-}" ]]; then mkdir -p "$S/secrets" && touch "$S/secrets/$FAKE_NEW_SECRET"; fi ;;
    preview)
      if [[ -f "$S/preview-out" ]]; then cat "$S/preview-out" >&2; return 255; fi
      echo "Resources: 120 unchanged" ;;
  esac
}

fake_gh() {
  if [[ "$*" == *"-X PUT"* ]]; then
    cat >"$S/gh-put-body"
    return 0
  fi
  if [[ -f "$S/claim-set" ]]; then
    echo '{"use_default":false,"include_claim_keys":["repo","context","job_workflow_ref"]}'
  else
    echo '{"use_default":true}'
  fi
}

fake_dig() {
  if [[ "$*" == "+short NS knowledgecard.app" ]]; then
    echo "ns-9.awsdns-09.com."
  elif [[ "$*" == *"+authority NS staging.knowledgecard.app @ns-9.awsdns-09.com."* && -f "$S/delegated" ]]; then
    printf 'staging.knowledgecard.app.\t172800\tIN\tNS\t%s.\n' ns-1111.awsdns-11.org ns-222.awsdns-22.com ns-1333.awsdns-33.co.uk ns-444.awsdns-44.net
  fi
}

fake_curl() {
  local out
  out=$(arg_after --output "$@")
  echo '{"status":"ok","checks":{"db":"ok","redis":"ok"}}' >"$out"
  printf '200'
}

fake_docker() {
  [[ "$1" == login ]] && cat >"$S/docker-password"
  return 0
}

fake_skopeo() {
  if [[ "$1" == copy ]]; then
    local dst=${*: -1} repo tag
    repo=${dst#docker://*/}
    repo=${repo%:*}
    tag=${dst##*:}
    mkdir -p "$S/images/${repo//\//_}"
    [[ "${*: -2:1}" =~ @($DIGEST_RE) ]] && printf '%s' "${FAKE_COPIED_DIGEST:-${BASH_REMATCH[1]}}" >"$S/images/${repo//\//_}/$tag"
  fi
  [[ "$1" == login ]] && cat >/dev/null
  return 0
}
