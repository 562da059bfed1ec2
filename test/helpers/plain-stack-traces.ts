/**
 * Jest setup (setupFiles, runs before each test file): cdktf records the full stack trace of every
 * token it creates (`Intrinsic`, `ComplexResolvable`: each resource attribute reference), only to
 * print it in token-resolution error messages. Under jest every such capture goes through jest's
 * source-map stack formatter, which loads the source map of each frame's file; that was ~11 s of
 * the ~60 s CPU of `npm test`. Here the trace is captured with V8's own formatter instead: the same
 * frames, with positions in the executed JavaScript instead of the original sources. Nothing else
 * changes; jest's own stack traces (failing tests) are still source-mapped.
 */
import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';

/** V8's default format (`CallSite#toString`), without jest's source mapping. */
function plainFormat(error: Error, frames: NodeJS.CallSite[]): string {
  return [String(error), ...frames.map((frame) => `    at ${frame}`)].join('\n');
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
function captureStackTrace(below?: Function): string[] {
  below = below || captureStackTrace;
  const object = { stack: '' };
  const previousLimit = Error.stackTraceLimit;
  const previousPrepare = Error.prepareStackTrace;
  try {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    Error.prepareStackTrace = plainFormat;
    Error.captureStackTrace(object, below);
    // V8 formats the trace when `stack` is first read; read it while the plain formatter is set.
    void object.stack;
  } finally {
    Error.stackTraceLimit = previousLimit;
    Error.prepareStackTrace = previousPrepare;
  }
  if (!object.stack) return [];
  return object.stack
    .split('\n')
    .slice(1)
    .map((s) => s.replace(/^\s*at\s+/, ''));
}

(stackTrace as { captureStackTrace: typeof captureStackTrace }).captureStackTrace = captureStackTrace;
