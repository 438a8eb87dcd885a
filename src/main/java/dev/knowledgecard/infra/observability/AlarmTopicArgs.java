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
 */
public record AlarmTopicArgs(List<String> emails, Optional<Output<String>> webhookUrl) {

  public AlarmTopicArgs {
    emails = List.copyOf(emails);
  }
}
