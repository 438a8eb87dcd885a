package dev.knowledgecard.infra.observability;

import com.pulumi.core.Output;
import java.util.List;
import java.util.Optional;

/**
 * Inputs of {@link AlarmTopic}.
 *
 * @param emails email subscribers; each must confirm the subscription from the mail AWS sends
 * @param webhookUrl an optional https endpoint (secret) subscribed as well; it must answer SNS's
 *     subscription confirmation (AWS Chatbot, a relay function, or a tool with native SNS support)
 * @param region the stack's region, for the source-ARN conditions
 * @param accountId the account id, for the key and topic policies
 */
public record AlarmTopicArgs(
    List<String> emails,
    Optional<Output<String>> webhookUrl,
    String region,
    Output<String> accountId) {

  public AlarmTopicArgs {
    emails = List.copyOf(emails);
  }
}
