import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSandboxExecutor, RecordingSink, type Executor } from '../src/executor/index.js';
import { parseCommandLine, parseKubectl } from '../src/kubectl/index.js';

function start(executor: Executor, line: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const parsed = parseCommandLine(line);
  assert.ok(parsed.ok, `${line} should parse`);
  const sink = new RecordingSink();
  const done = executor.run({
    argv: parsed.argv,
    parsed: parseKubectl(parsed.argv),
    signal: options.signal ?? new AbortController().signal,
    timeoutMs: options.timeoutMs ?? 20_000,
    sink,
  });
  return { sink, done };
}

async function kubectl(executor: Executor, line: string) {
  const { sink, done } = start(executor, line);
  const outcome = await done;
  return { outcome, sink, stdout: sink.stdout, stderr: sink.stderr };
}

const lines = (text: string): string[] => text.split('\n').filter(Boolean);

describe('sandbox executor: logs', () => {
  let sandbox: Executor;
  let apiPod: string;
  before(async () => {
    sandbox = createSandboxExecutor({ timeScale: 0.01 });
    apiPod = lines((await kubectl(sandbox, 'kubectl get pods -n prod -l app=api -o name')).stdout)[0]!.slice(
      4,
    );
  });
  after(() => sandbox.close());

  it('prints realistic lines, the same ones every time, and --tail cuts them', async () => {
    // A stopped clock, so that no new line arrives between the calls.
    const frozen = createSandboxExecutor({ now: () => Date.UTC(2025, 5, 2, 9, 30) });
    try {
      const pod = lines(
        (await kubectl(frozen, 'kubectl get pods -n prod -l app=api -o name')).stdout,
      )[0]!.slice(4);
      const tail = await kubectl(frozen, `kubectl logs ${pod} -n prod --tail=5`);
      assert.equal(tail.outcome.status, 'completed');
      const out = lines(tail.stdout);
      assert.equal(out.length, 5);
      const times = out.map((line) => {
        const entry = JSON.parse(line) as { level: string; msg: string; ts: string };
        assert.ok(['info', 'error'].includes(entry.level));
        assert.ok(['request', 'request failed'].includes(entry.msg));
        return Date.parse(entry.ts);
      });
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
      );
      assert.deepEqual(lines((await kubectl(frozen, `kubectl logs ${pod} -n prod --tail=5`)).stdout), out);
      const all = lines((await kubectl(frozen, `kubectl logs ${pod} -n prod`)).stdout);
      assert.equal(all.length, 1000, 'the kept part of a rotated log');
      assert.deepEqual(all.slice(-5), out);
    } finally {
      await frozen.close();
    }
  });

  it('--since and --timestamps', async () => {
    const { stdout } = await kubectl(sandbox, `kubectl logs ${apiPod} -n prod --since=1m --timestamps`);
    const stamps = lines(stdout).map((l) => Date.parse(l.split(' ')[0]!));
    assert.ok(stamps.length >= 10, 'about one line every 2.5 s');
    const newest = Math.max(...stamps);
    assert.ok(stamps.every((t) => !Number.isNaN(t) && newest - t <= 61_000));
    assert.match(lines(stdout)[0]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \{/);
  });

  it('picks a pod for deployment/NAME and defaults the container', async () => {
    const dep = await kubectl(sandbox, 'kubectl logs deployment/web -n prod --tail=2');
    assert.match(
      dep.stderr,
      /^Found 3 pods, using pod\/web-\S+\nDefaulted container "web" out of: web, log-shipper\n$/,
    );
    assert.equal(lines(dep.stdout).length, 2);
    assert.match(dep.stdout, /"GET \S+ HTTP\/1\.1" \d{3} /);
    const sidecar = await kubectl(sandbox, 'kubectl logs deploy/web -n prod -c log-shipper --tail=1');
    assert.match(sidecar.stdout, /\[ (info|warn)\]/);
    const wrong = await kubectl(sandbox, 'kubectl logs deploy/web -n prod -c nope');
    assert.equal(wrong.outcome.exitCode, 1);
    assert.match(wrong.stderr, /error: container nope is not valid for pod web-/);
  });

  it('--previous shows the crashed instance, or the kubectl error when there is none', async () => {
    const worker = await kubectl(sandbox, 'kubectl logs deploy/worker -n prod --previous --tail=2');
    assert.equal(worker.outcome.status, 'completed');
    assert.match(lines(worker.stdout).at(-1)!, /WARN {2}worker: memory usage 498Mi of 512Mi limit/);
    const none = await kubectl(sandbox, `kubectl logs ${apiPod} -n prod -p`);
    assert.equal(none.outcome.exitCode, 1);
    assert.equal(
      none.stderr,
      `Error from server (BadRequest): previous terminated container "api" in pod "${apiPod}" not found\n`,
    );
    const missing = await kubectl(sandbox, 'kubectl logs nope -n prod');
    assert.equal(missing.stderr, 'Error from server (NotFound): pods "nope" not found\n');
  });

  it('-f streams new lines as their time comes, and stops at once on cancel (exit 130)', async () => {
    const controller = new AbortController();
    const { sink, done } = start(sandbox, `kubectl logs -f ${apiPod} -n prod --tail=1`, {
      signal: controller.signal,
    });
    // Wait for the tail line plus at least two lines that came while following.
    while (lines(sink.stdout).length < 3) await new Promise((resolve) => setTimeout(resolve, 2));
    controller.abort();
    const printedAtAbort = sink.stdout;
    const outcome = await done;
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.exitCode, 130);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(sink.stdout, printedAtAbort, 'nothing is printed after cancel');
    const times = lines(printedAtAbort).map((l) => Date.parse((JSON.parse(l) as { ts: string }).ts));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  });

  it('-f ends by itself after a bounded time', async () => {
    const started = Date.now();
    const { sink, done } = start(sandbox, 'kubectl logs -f deploy/worker -n prod --tail=0');
    const outcome = await done;
    assert.equal(outcome.status, 'completed');
    // Ten seconds of cluster time at timeScale 0.01 is about 100 ms.
    assert.ok(Date.now() - started < 2000);
    assert.ok(lines(sink.stdout).length >= 1);
  });

  it('-f with a short timeout ends just before it, at real speed', async () => {
    const slow = createSandboxExecutor({ timeScale: 1 });
    try {
      const started = Date.now();
      const { done } = start(slow, 'kubectl logs -f deploy/api -n prod --tail=1', { timeoutMs: 600 });
      const outcome = await done;
      assert.equal(outcome.status, 'completed');
      const took = Date.now() - started;
      assert.ok(took >= 300, `followed for ${took} ms`);
    } finally {
      await slow.close();
    }
  });

  it('closing the executor ends a follow in progress as cancelled', async () => {
    const closing = createSandboxExecutor({ timeScale: 1 });
    const { done } = start(closing, 'kubectl logs -f deploy/api -n prod --tail=1');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const closedAt = Date.now();
    await closing.close();
    const outcome = await done;
    assert.equal(outcome.status, 'cancelled');
    assert.ok(Date.now() - closedAt < 200);
  });

  it('logs -l prints a few lines of every matching pod', async () => {
    const { stdout } = await kubectl(sandbox, 'kubectl logs -l app=api -n prod --prefix');
    const prefixes = new Set(lines(stdout).map((l) => l.split(' ')[0]));
    assert.equal(prefixes.size, 2);
    assert.equal(lines(stdout).length, 20, 'ten lines per pod by default with a selector');
  });
});
