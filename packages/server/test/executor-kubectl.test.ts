import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createExecutor,
  createKubectlExecutor,
  RecordingSink,
  type Executor,
} from '../src/executor/index.js';
import { parseKubectl } from '../src/kubectl/index.js';

/**
 * A stand-in kubectl: prints its argv and environment as JSON, writes its pid, and can stream, hang,
 * ignore SIGTERM, or fail with a chosen exit code.
 */
const STAND_IN = `#!/usr/bin/env node
const fs = require('fs');
const path = require('path');
const args = process.argv.slice(2);
fs.writeFileSync(path.join(__dirname, 'pid-' + (args.find((a) => a.startsWith('--tag=')) || 'none').slice(6)), String(process.pid));
const has = (word) => args.includes(word);
if (args[0] === 'config' && args[1] === 'current-context') { console.log('stand-in-context'); process.exit(0); }
if (args[0] === 'config' && args[1] === 'view') { console.log('stand-in-cluster'); process.exit(0); }
if (has('stubborn')) process.on('SIGTERM', () => {});
if (args[0] === 'logs' && has('-f')) {
  let i = 0;
  setInterval(() => console.log('line ' + i++), 50);
  return;
}
if (has('sleep')) { setInterval(() => {}, 1000); return; }
if (args[0] === 'get' && has('name')) {
  const ns = args[args.indexOf('-n') + 1];
  if (ns === 'slow') { setInterval(() => {}, 1000); return; }
  if (ns === 'broken') { process.stderr.write('error: You must be logged in to the server (Unauthorized)\\n'); process.exit(1); }
  const ctx = args.includes('--context') ? 'ctx-' + args[args.indexOf('--context') + 1] : 'no-context';
  process.stdout.write(args[1] + '.apps/web-' + (has('-n') ? ns : 'cluster') + '\\n' + args[1] + '.apps/' + ctx + '\\n');
  process.exit(0);
}
const code = Number((args.find((a) => a.startsWith('--exit-code=')) || '--exit-code=0').slice(12));
process.stdout.write(JSON.stringify({ argv: args, kubeconfig: process.env.KUBECONFIG || null, leaked: process.env.KUBECHAT_TEST_SECRET || null, extra: process.env.EXTRA || null }) + '\\n');
process.stderr.write(code ? 'error: the server doesn\\'t have a resource type "widgets"\\n' : 'note on stderr\\n');
process.exit(code);
`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('kubectl executor', () => {
  let dir: string;
  let kubectlPath: string;
  const pidOf = (tag: string) => Number(readFileSync(join(dir, `pid-${tag}`), 'utf8'));

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'k8s-chat-kubectl-'));
    kubectlPath = join(dir, 'kubectl');
    writeFileSync(kubectlPath, STAND_IN);
    chmodSync(kubectlPath, 0o755);
    process.env.KUBECHAT_TEST_SECRET = 'must-not-leak';
  });
  after(() => {
    delete process.env.KUBECHAT_TEST_SECRET;
    rmSync(dir, { recursive: true, force: true });
  });

  function run(
    executor: Executor,
    argv: string[],
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ) {
    const sink = new RecordingSink();
    const done = executor.run({
      argv,
      parsed: parseKubectl(argv),
      signal: options.signal ?? new AbortController().signal,
      timeoutMs: options.timeoutMs ?? 10_000,
      sink,
    });
    return { sink, done };
  }

  it('passes argv exactly, without a shell, adds --context, and sets KUBECONFIG in a minimal env', async () => {
    const executor = createKubectlExecutor({
      kubectlPath,
      kubeconfig: '/etc/kubechat/kubeconfig',
      context: 'prod-admin',
      env: { EXTRA: 'yes' },
    });
    const argv = [
      'kubectl',
      'annotate',
      'pod',
      'web',
      'note=hello world; rm -rf / && echo $(id)',
      '--tag=argv',
    ];
    const { sink, done } = run(executor, argv);
    const outcome = await done;
    assert.equal(outcome.status, 'completed');
    assert.equal(outcome.exitCode, 0);
    const printed = JSON.parse(sink.stdout) as {
      argv: string[];
      kubeconfig: string;
      leaked: string | null;
      extra: string;
    };
    assert.deepEqual(printed.argv, [...argv.slice(1), '--context', 'prod-admin']);
    assert.equal(printed.kubeconfig, '/etc/kubechat/kubeconfig');
    assert.equal(printed.leaked, null, 'server environment does not leak into kubectl');
    assert.equal(printed.extra, 'yes');
    assert.equal(sink.stderr, 'note on stderr\n');
    await executor.close();
  });

  it('puts --context before `--`, so it does not become part of an exec command', async () => {
    const executor = createKubectlExecutor({ kubectlPath, context: 'staging' });
    const { sink, done } = run(executor, [
      'kubectl',
      'exec',
      'web-1',
      '--tag=exec',
      '--',
      'sh',
      '-c',
      'echo hi',
    ]);
    await done;
    assert.deepEqual((JSON.parse(sink.stdout) as { argv: string[] }).argv, [
      'exec',
      'web-1',
      '--tag=exec',
      '--context',
      'staging',
      '--',
      'sh',
      '-c',
      'echo hi',
    ]);
  });

  it('keeps stdout and stderr apart and passes the exit code through', async () => {
    const executor = createKubectlExecutor({ kubectlPath });
    const { sink, done } = run(executor, ['kubectl', 'get', 'widgets', '--exit-code=3', '--tag=exit']);
    const outcome = await done;
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.exitCode, 3);
    assert.equal(outcome.error, `error: the server doesn't have a resource type "widgets"`);
    assert.ok(
      sink.events.some((e) => e.type === 'output' && e.stream === 'stdout' && e.chunk.includes('"argv"')),
    );
    assert.equal(sink.stderr, `error: the server doesn't have a resource type "widgets"\n`);
    assert.ok(!sink.stdout.includes('error:'));
  });

  it('streams output as it comes and cancel kills the process (exit 130)', async () => {
    const executor = createKubectlExecutor({ kubectlPath });
    const controller = new AbortController();
    const { sink, done } = run(executor, ['kubectl', 'logs', '-f', 'api-0', '--tag=follow'], {
      signal: controller.signal,
    });
    while (sink.events.filter((e) => e.type === 'output').length < 3) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const pid = pidOf('follow');
    assert.ok(alive(pid));
    controller.abort();
    const outcome = await done;
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.exitCode, 130);
    assert.equal(alive(pid), false, 'the stand-in is gone');
    assert.match(sink.stdout, /^line 0\nline 1\nline 2\n/);
  });

  it('times out: SIGTERM, then SIGKILL for a process that ignores it', async () => {
    const executor = createKubectlExecutor({ kubectlPath, killGraceMs: 150 });
    const started = Date.now();
    const { done } = run(executor, ['kubectl', 'get', 'pods', 'sleep', 'stubborn', '--tag=stubborn'], {
      timeoutMs: 600,
    });
    const outcome = await done;
    const took = Date.now() - started;
    assert.equal(outcome.status, 'timeout');
    assert.equal(outcome.exitCode, 124);
    assert.ok(took >= 750 && took < 3000, `took ${took} ms`);
    assert.equal(alive(pidOf('stubborn')), false);
  });

  it('times out a process that stops on SIGTERM without waiting for the grace period', async () => {
    const executor = createKubectlExecutor({ kubectlPath, killGraceMs: 5000 });
    const started = Date.now();
    // 2 s gives the stand-in time to start and write its pid even on a loaded 2-core box; finishing
    // well before the 5 s grace shows the executor did not wait for it.
    const { done } = run(executor, ['kubectl', 'get', 'pods', 'sleep', '--tag=sleep'], { timeoutMs: 2000 });
    const outcome = await done;
    assert.equal(outcome.status, 'timeout');
    assert.ok(Date.now() - started < 4500, `took ${Date.now() - started} ms`);
    assert.equal(alive(pidOf('sleep')), false);
  });

  it('a missing kubectl fails with a clear error', async () => {
    const missing = join(dir, 'no-such-kubectl');
    const executor = createKubectlExecutor({ kubectlPath: missing });
    const { done } = run(executor, ['kubectl', 'get', 'pods']);
    const outcome = await done;
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.error, `kubectl not found at ${missing}; set KUBECHAT_KUBECTL or install kubectl`);
    assert.deepEqual(executor.target(), { cluster: '(unknown cluster)', context: '(current context)' });
  });

  it('names its target from the configured context or the current one, once', async () => {
    const current = createKubectlExecutor({ kubectlPath });
    assert.deepEqual(current.target(), { cluster: 'stand-in-cluster', context: 'stand-in-context' });
    rmSync(join(dir, 'pid-none'), { force: true });
    assert.deepEqual(current.target(), { cluster: 'stand-in-cluster', context: 'stand-in-context' });
    assert.equal(existsSync(join(dir, 'pid-none')), false, 'cached: kubectl is not asked again');
    const configured = createExecutor({ kind: 'kubectl', kubectlPath, context: 'prod-admin' });
    assert.equal(configured.name, 'kubectl');
    assert.deepEqual(configured.target(), { cluster: 'stand-in-cluster', context: 'prod-admin' });
  });

  it('a run that is already cancelled does not start kubectl', async () => {
    const executor = createKubectlExecutor({ kubectlPath });
    const controller = new AbortController();
    controller.abort();
    rmSync(join(dir, 'pid-early'), { force: true });
    const { done } = run(executor, ['kubectl', 'get', 'pods', '--tag=early'], { signal: controller.signal });
    assert.equal((await done).status, 'cancelled');
    assert.equal(existsSync(join(dir, 'pid-early')), false);
  });

  it('lists names with `get -o name`, stripping the kind prefix, in the namespace and context asked', async () => {
    const executor = createKubectlExecutor({ kubectlPath, context: 'staging' });
    assert.deepEqual(await executor.listNames!('deployments', 'shop'), ['web-shop', 'ctx-staging']);
    assert.deepEqual(await executor.listNames!('nodes', null), ['web-cluster', 'ctx-staging']);
    await executor.close();
  });

  it("listNames fails with kubectl's error, and gives up on a slow cluster after its short timeout", async () => {
    const executor = createKubectlExecutor({ kubectlPath, listNamesTimeoutMs: 300 });
    await assert.rejects(executor.listNames!('pods', 'broken'), /Unauthorized/);
    await assert.rejects(executor.listNames!('pods', 'slow'), /timed out after 300 ms/);
    await executor.close();
  });

  it('close stops what is still running', async () => {
    const executor = createKubectlExecutor({ kubectlPath, killGraceMs: 200 });
    const { sink, done } = run(executor, ['kubectl', 'logs', '-f', 'web-0', '--tag=close']);
    while (!sink.stdout) await new Promise((resolve) => setTimeout(resolve, 10));
    const pid = pidOf('close');
    await executor.close();
    await done;
    assert.equal(alive(pid), false);
  });
});

describe('createExecutor', () => {
  it('builds the executor a configuration names', async () => {
    const sandbox = createExecutor({ kind: 'sandbox', timeScale: 0.01 });
    assert.equal(sandbox.name, 'sandbox');
    assert.equal(typeof sandbox.rollback, 'function');
    await sandbox.close();
  });
});
