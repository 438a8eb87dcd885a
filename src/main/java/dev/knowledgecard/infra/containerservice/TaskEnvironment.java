package dev.knowledgecard.infra.containerservice;

import com.pulumi.core.Output;
import dev.knowledgecard.infra.config.ImageReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The containers' environment contracts with the app ({@link ContainerService#PLAIN_ENVIRONMENT})
 * and their container definition JSON, once every value they mention is known.
 */
final class TaskEnvironment {

  private TaskEnvironment() {}

  /** The service's plain environment (contracts: DB, Redis IAM auth, session secret). */
  static Map<String, Output<String>> service(ContainerServiceArgs args, String region) {
    var env = common(args, region, args.appRoleSecretArn());
    env.put("REDIS_HOST", args.redisHost());
    env.put("REDIS_PORT", Output.of(Integer.toString(args.redisPort())));
    env.put("REDIS_TLS", Output.of("true"));
    env.put("REDIS_AUTH_MODE", Output.of("iam"));
    env.put("REDIS_USER", args.redisUser());
    env.put("REDIS_CACHE_NAME", args.redisCacheName());
    env.put("SESSION_SECRET_ARN", args.sessionSecretArn());
    env.put("MEDIA_BUCKET", args.bucketName());
    env.put("PUBLIC_URL", args.publicUrl());
    return env;
  }

  /** The migration's environment: the database as master, the role to create; no Redis. */
  static Map<String, Output<String>> migration(ContainerServiceArgs args, String region) {
    var env = common(args, region, args.masterSecret().arn());
    env.put("DB_APP_USER", Output.of(args.appRoleName()));
    return env;
  }

  private static LinkedHashMap<String, Output<String>> common(
      ContainerServiceArgs args, String region, Output<String> dbSecretArn) {
    var env = new LinkedHashMap<String, Output<String>>();
    env.put("NODE_ENV", Output.of("production"));
    env.put("PORT", Output.of(Integer.toString(args.appPort())));
    env.put("AWS_REGION", Output.of(region));
    env.put("DB_HOST", args.database().address());
    env.put("DB_PORT", args.database().port().applyValue(String::valueOf));
    env.put("DB_NAME", Output.of(args.database().name()));
    // Certificate and host name checked against the RDS CA bundle the image ships.
    env.put("DB_SSL", Output.of("verify-full"));
    env.put("DB_SECRET_ARN", dbSecretArn);
    return env;
  }

  /** The container JSON once every endpoint, ARN and name it mentions is known. */
  static Output<String> containerJson(
      ContainerServiceArgs args,
      String region,
      Map<String, Output<String>> environment,
      Map<String, Output<String>> secrets,
      ImageReference image,
      ContainerSpec.Kind kind) {
    var pending = new LinkedHashMap<String, Output<String>>();
    pending.put("image", args.repositoryUrl().applyValue(image::imageIn));
    pending.put("logGroup", args.logGroupName());
    environment.forEach((variable, value) -> pending.put("env:" + variable, value));
    secrets.forEach((variable, from) -> pending.put("secret:" + variable, from));
    var keys = List.copyOf(pending.keySet());
    return Output.all(List.copyOf(pending.values()))
        .applyValue(
            values -> {
              var resolved = new LinkedHashMap<String, String>();
              for (int i = 0; i < keys.size(); i++) {
                resolved.put(keys.get(i), values.get(i));
              }
              var env = new LinkedHashMap<String, String>();
              environment.keySet().forEach(v -> env.put(v, resolved.get("env:" + v)));
              var secretRefs = new LinkedHashMap<String, String>();
              secrets.keySet().forEach(v -> secretRefs.put(v, resolved.get("secret:" + v)));
              return new ContainerSpec(
                      kind,
                      resolved.get("image"),
                      env,
                      secretRefs,
                      resolved.get("logGroup"),
                      region)
                  .toJson();
            });
  }
}
