package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.LISTENER;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:lb/listener:Listener} that the report reads. */
public final class Listener {
  public static final Prop CERTIFICATE_ARN = input("certificateArn");
  public static final Prop DEFAULT_ACTIONS = input("defaultActions");
  public static final Prop ACTION_REDIRECT_PROTOCOL = DEFAULT_ACTIONS.field("redirect.protocol");
  public static final Prop ACTION_TYPE = DEFAULT_ACTIONS.field("type");
  public static final Prop LOAD_BALANCER_ARN = input("loadBalancerArn");
  public static final Prop PORT = input("port");
  public static final Prop PROTOCOL = input("protocol");
  public static final Prop SSL_POLICY = input("sslPolicy");

  private static Prop input(String path) {
    return Prop.of(LISTENER, path);
  }

  private Listener() {}
}
