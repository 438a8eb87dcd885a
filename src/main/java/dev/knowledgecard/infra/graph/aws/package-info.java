/**
 * Typed views of the resource graph: one class per AWS resource type the report (rules, cost model,
 * diagram, Markdown) reads, declaring each input it reads exactly once as a {@link
 * dev.knowledgecard.infra.graph.Prop} named after its schema path ({@code engineVersion} is {@code
 * ENGINE_VERSION}), a nested one by its last part where that stays clear ({@code
 * networkConfiguration.assignPublicIp} is {@code ASSIGN_PUBLIC_IP}). PropSchemaTest checks every
 * one against the pulumi-aws schema and that none is declared twice.
 */
package dev.knowledgecard.infra.graph.aws;
