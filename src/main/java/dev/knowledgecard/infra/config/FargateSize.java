package dev.knowledgecard.infra.config;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The CPU and memory combinations Fargate accepts for a task (AWS "Task CPU and memory"): 256 CPU
 * units take 512, 1024 or 2048 MiB; every larger size a range in fixed steps.
 */
public final class FargateSize {
  /** CPU units to the memory sizes (MiB) Fargate accepts with them. */
  public static final Map<Integer, List<Integer>> MEMORY_BY_CPU = table();

  private FargateSize() {}

  public static boolean accepts(int cpu, int memory) {
    return MEMORY_BY_CPU.getOrDefault(cpu, List.of()).contains(memory);
  }

  /** What a user may set for memory with this CPU, for error messages. */
  public static String describe(int cpu) {
    var memories = MEMORY_BY_CPU.get(cpu);
    if (memories == null) {
      return "taskCpu one of " + MEMORY_BY_CPU.keySet();
    }
    if (memories.size() <= 3) {
      return "with taskCpu " + cpu + ", taskMemory one of " + memories;
    }
    var step = memories.get(1) - memories.get(0);
    return "with taskCpu "
        + cpu
        + ", taskMemory from "
        + memories.get(0)
        + " to "
        + memories.get(memories.size() - 1)
        + " in steps of "
        + step;
  }

  private static Map<Integer, List<Integer>> table() {
    var table = new TreeMap<Integer, List<Integer>>();
    table.put(256, List.of(512, 1024, 2048));
    table.put(512, range(1024, 4096, 1024));
    table.put(1024, range(2048, 8192, 1024));
    table.put(2048, range(4096, 16384, 1024));
    table.put(4096, range(8192, 30720, 1024));
    table.put(8192, range(16384, 61440, 4096));
    table.put(16384, range(32768, 122880, 8192));
    return java.util.Collections.unmodifiableMap(table);
  }

  private static List<Integer> range(int from, int to, int step) {
    return IntStream.iterate(from, m -> m <= to, m -> m + step).boxed().toList();
  }
}
