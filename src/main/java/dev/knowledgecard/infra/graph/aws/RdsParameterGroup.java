package dev.knowledgecard.infra.graph.aws;

import static dev.knowledgecard.infra.graph.AwsTypes.RDS_PARAMETER_GROUP;

import dev.knowledgecard.infra.graph.Prop;

/** The inputs of {@code aws:rds/parameterGroup:ParameterGroup} that the report reads. */
public final class RdsParameterGroup {
  public static final Prop PARAMETERS = input("parameters");
  public static final Prop PARAMETERS_NAME = PARAMETERS.field("name");
  public static final Prop PARAMETERS_VALUE = PARAMETERS.field("value");

  private static Prop input(String path) {
    return Prop.of(RDS_PARAMETER_GROUP, path);
  }

  private RdsParameterGroup() {}
}
