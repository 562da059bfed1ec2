/**
 * Preloaded into every process the benchmark measures (`NODE_OPTIONS=--require …/usage-reporter.js`,
 * so a `--compare` command's node processes are measured too): when the process exits it appends
 * one JSON line to `$BENCH_USAGE_FILE` with its peak memory (max RSS), CPU time, and what V8's GC
 * profiler saw (GC pause time, number of full GCs, largest heap). Nothing is done when the variable
 * is unset.
 */
import * as fs from 'fs';
import * as v8 from 'v8';

/** One line of the usage file. */
export interface ProcessUsage {
  readonly pid: number;
  /** Peak resident set size, MiB. */
  readonly maxRssMiB: number;
  /** User + system CPU time, ms. */
  readonly cpuMs: number;
  /** Time spent in garbage collection on the main thread, ms. */
  readonly gcMs: number;
  /** Full (mark-compact) collections. */
  readonly fullGcs: number;
  /** Largest V8 heap in use (just before a collection, or at exit), MiB. */
  readonly heapMiB: number;
}

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  const profiler = new v8.GCProfiler();
  profiler.start();
  process.on('exit', () => {
    const gcs = profiler.stop()?.statistics ?? [];
    const usage = process.resourceUsage();
    const heapBytes = Math.max(v8.getHeapStatistics().used_heap_size, ...gcs.map((gc) => gc.beforeGC.heapStatistics.usedHeapSize));
    const line: ProcessUsage = {
      pid: process.pid,
      maxRssMiB: usage.maxRSS / 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      gcMs: gcs.reduce((sum, gc) => sum + gc.cost, 0) / 1000,
      fullGcs: gcs.filter((gc) => gc.gcType === 'MarkSweepCompact').length,
      heapMiB: heapBytes / 1048576,
    };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}
