package dev.knowledgecard.infra.graph.aws;

import dev.knowledgecard.infra.graph.Prop;

/**
 * The fields of one ingress permission, named alike in a standalone rule's own inputs and in each
 * item of a security group's inline {@code ingress} list.
 */
public record IngressBlock(
    Prop protocol, Prop fromPort, Prop toPort, Prop cidrBlocks, Prop ipv6CidrBlocks) {

  /** The fields of each item of the inline list {@code list}. */
  static IngressBlock itemsOf(Prop list) {
    return new IngressBlock(
        list.field("protocol"),
        list.field("fromPort"),
        list.field("toPort"),
        list.field("cidrBlocks"),
        list.field("ipv6CidrBlocks"));
  }
}
