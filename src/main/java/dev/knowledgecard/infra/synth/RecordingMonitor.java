package dev.knowledgecard.infra.synth;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.Log;
import com.pulumi.resources.Resource;
import com.pulumi.test.Mocks;
import com.pulumi.test.internal.MockMonitor;
import dev.knowledgecard.infra.graph.GraphResource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;

/**
 * The SDK's mock monitor, plus a record of every registration as it went over the wire: parent,
 * dependencies, protect, provider, inputs with their secret markers and the returned ARN, which the
 * public test API does not expose; and of every invoke's token.
 */
final class RecordingMonitor extends MockMonitor {
  private final ConcurrentLinkedQueue<GraphResource> recorded = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> invokes = new ConcurrentLinkedQueue<>();

  RecordingMonitor(Mocks mocks, Log log) {
    super(mocks, log);
  }

  @Override
  public CompletableFuture<RegisterResourceResponse> registerResourceAsync(
      Resource resource, RegisterResourceRequest request) {
    return super.registerResourceAsync(resource, request)
        .thenApply(
            response -> {
              recorded.add(
                  toGraphResource(
                      response.getUrn(), response.getId(), request, response.getObject()));
              return response;
            });
  }

  @Override
  public CompletableFuture<ResourceInvokeResponse> invokeAsync(ResourceInvokeRequest request) {
    invokes.add(request.getTok());
    return super.invokeAsync(request);
  }

  List<GraphResource> recorded() {
    return new ArrayList<>(recorded);
  }

  List<String> invokes() {
    return new ArrayList<>(invokes);
  }

  private static GraphResource toGraphResource(
      String urn, String id, RegisterResourceRequest request, Struct state) {
    var secretPaths = new ArrayList<String>();
    var props = StructDecoder.decode(request.getObject(), secretPaths);
    return new GraphResource(
        urn,
        request.getType(),
        request.getName(),
        request.getParent().isEmpty() ? null : request.getParent(),
        request.getCustom(),
        props,
        request.getDependenciesList().stream().distinct().sorted().toList(),
        secretPaths.stream().sorted().toList(),
        request.getProtect(),
        request.getProvider(),
        id,
        request.getIgnoreChangesList().stream().sorted().toList(),
        state.getFieldsOrDefault("arn", Value.getDefaultInstance()).getStringValue());
  }
}
