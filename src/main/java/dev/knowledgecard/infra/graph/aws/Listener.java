package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.LISTENER;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:lb/listener:Listener} that the report reads. */
public final class Listener {
  public static final Prop CERTIFICATE_ARN = Prop.of(LISTENER, "certificateArn");
  public static final Prop DEFAULT_ACTIONS = Prop.of(LISTENER, "defaultActions");
  public static final Prop DEFAULT_ACTIONS_REDIRECT_PROTOCOL =
      DEFAULT_ACTIONS.field("redirect.protocol");
  public static final Prop DEFAULT_ACTIONS_TYPE = DEFAULT_ACTIONS.field("type");
  public static final Prop LOAD_BALANCER_ARN = Prop.of(LISTENER, "loadBalancerArn");
  public static final Prop PORT = Prop.of(LISTENER, "port");
  public static final Prop PROTOCOL = Prop.of(LISTENER, "protocol");
  public static final Prop SSL_POLICY = Prop.of(LISTENER, "sslPolicy");

  private Listener() {}
}
