import assert from 'node:assert/strict';
import { RecordingSink, type Executor } from '../../src/executor/index.js';
import { parseCommandLine, parseKubectl } from '../../src/kubectl/index.js';

/** Runs one command line on an executor and returns its outcome with what it printed. */
export async function kubectl(
  executor: Executor,
  line: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
) {
  const parsed = parseCommandLine(line);
  assert.ok(parsed.ok, `${line} should parse`);
  const sink = new RecordingSink();
  const outcome = await executor.run({
    argv: parsed.argv,
    parsed: parseKubectl(parsed.argv),
    signal: options.signal ?? new AbortController().signal,
    timeoutMs: options.timeoutMs ?? 20_000,
    sink,
  });
  return { outcome, sink, stdout: sink.stdout, stderr: sink.stderr };
}

/** The object names `line -o name` prints, without their kind prefix. */
export const names = async (executor: Executor, line: string): Promise<string[]> =>
  (await kubectl(executor, `${line} -o name`)).stdout
    .split('\n')
    .filter(Boolean)
    .map((n) => n.replace(/^[^/]+\//, ''));
