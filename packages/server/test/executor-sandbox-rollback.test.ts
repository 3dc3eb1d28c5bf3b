import { afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createMemorySandboxStore,
  createSandboxExecutor,
  RecordingSink,
  type Executor,
  type MemorySandboxStore,
  type RollbackSnapshot,
} from '../src/executor/index.js';
import { kubectl, names } from './helpers/sandbox-run.js';

async function rollback(executor: Executor, snapshot: RollbackSnapshot) {
  const sink = new RecordingSink();
  // Snapshots are stored as JSON by the server; a rollback must work from that.
  const stored = JSON.parse(JSON.stringify(snapshot)) as RollbackSnapshot;
  const outcome = await executor.rollback!(stored, {
    signal: new AbortController().signal,
    timeoutMs: 20_000,
    sink,
  });
  return { outcome, sink, stdout: sink.stdout, stderr: sink.stderr };
}

const jsonpath = async (executor: Executor, line: string, path: string): Promise<string> =>
  (await kubectl(executor, `${line} -o jsonpath='${path}'`)).stdout.trim();

describe('sandbox executor: snapshots and rollback', () => {
  let store: MemorySandboxStore;
  let sandbox: Executor;
  let seeded: string;
  before(async () => {
    const initial = createMemorySandboxStore();
    await createSandboxExecutor({ store: initial }).close();
    seeded = initial.json!;
  });
  beforeEach(() => {
    store = createMemorySandboxStore(seeded);
    sandbox = createSandboxExecutor({ store, timeScale: 0.01 });
  });
  afterEach(() => sandbox.close());

  it('read-only commands take no snapshot', async () => {
    for (const line of [
      'kubectl get pods -A',
      'kubectl describe deploy api -n prod',
      'kubectl logs deploy/api -n prod',
    ]) {
      const { outcome } = await kubectl(sandbox, line);
      assert.equal(outcome.snapshot, null, line);
    }
  });

  it('scale: snapshot of the replicas before, rollback scales back with streamed output', async () => {
    const { outcome } = await kubectl(sandbox, 'kubectl scale deployment api -n prod --replicas=5');
    assert.equal(outcome.status, 'completed');
    const snapshot = outcome.snapshot!;
    assert.deepEqual(snapshot.steps, [
      {
        step_number: 1,
        operation: 'scale',
        resource: 'deployment',
        name: 'api',
        namespace: 'prod',
        description: 'Scale deployment api in prod back to 2 replicas',
        data: { replicas: 2, scaledTo: 5 },
      },
    ]);
    const undo = await rollback(sandbox, snapshot);
    assert.equal(undo.outcome.status, 'completed');
    assert.equal(undo.stdout.split('\n')[0], 'deployment.apps/api scaled');
    assert.equal(undo.stdout.match(/ Terminating$/gm)?.length, 3);
    assert.equal(undo.sink.percentages.at(-1), 100);
    assert.equal(await jsonpath(sandbox, 'kubectl get deploy api -n prod', '{.status.readyReplicas}'), '2');
    assert.equal((await names(sandbox, 'kubectl get pods -n prod -l app=api')).length, 2);
  });

  it('delete: snapshot of the whole object, rollback recreates it and its pods come up', async () => {
    const image = await jsonpath(
      sandbox,
      'kubectl get deploy api -n prod',
      '{.spec.template.spec.containers[0].image}',
    );
    const hash = await jsonpath(
      sandbox,
      'kubectl get rs -n prod -l app=api',
      '{.items[?(@.spec.replicas==2)].metadata.name}',
    );
    const { outcome } = await kubectl(sandbox, 'kubectl delete deployment api -n prod');
    assert.equal(outcome.status, 'completed');
    const step = outcome.snapshot!.steps[0]!;
    assert.equal(step.operation, 'recreate');
    assert.equal(
      step.description,
      `Recreate deployment api in prod (2 replicas, ${image}); its pods start fresh`,
    );
    assert.deepEqual(step.data, { objects: [{ kind: 'Deployment', name: 'api', namespace: 'prod' }] });

    const undo = await rollback(sandbox, outcome.snapshot!);
    assert.equal(undo.outcome.status, 'completed');
    assert.equal(undo.stdout.split('\n')[0], 'deployment.apps/api created');
    assert.equal(undo.stdout.match(/ Running$/gm)?.length, 2);
    assert.match((await kubectl(sandbox, 'kubectl get deploy api -n prod')).stdout, /\napi\s+2\/2\s+2\s+2\s/);
    // Same template, same hash: the new ReplicaSet has the old one's name.
    assert.equal(
      await jsonpath(sandbox, 'kubectl get rs -n prod -l app=api', '{.items[0].metadata.name}'),
      hash,
    );
  });

  it('delete namespace: rollback waits for it to be gone, then recreates it with its workloads', async () => {
    const { outcome } = await kubectl(sandbox, 'kubectl delete namespace staging', { timeoutMs: 20_000 });
    const snapshot = outcome.snapshot!;
    assert.match(
      snapshot.steps[0]!.description,
      /^Recreate namespace staging with .*3 deployments, 1 statefulset/,
    );
    const undo = await rollback(sandbox, snapshot);
    assert.equal(undo.outcome.status, 'completed');
    assert.match(undo.stdout, /^namespace\/staging created$/m);
    assert.match(undo.stdout, /^secret\/db-credentials created$/m);
    assert.deepEqual(await names(sandbox, 'kubectl get deploy -n staging'), ['api', 'web', 'worker']);
    assert.match(
      (await kubectl(sandbox, 'kubectl get sts postgres -n staging')).stdout,
      /\npostgres\s+1\/1\s/,
    );
    assert.deepEqual(await names(sandbox, 'kubectl get pvc -n staging'), ['data-postgres-0']);
  });

  it('rollout restart: rollback restores the template, pods go back to the old hash', async () => {
    const hashOf = async () =>
      (
        await jsonpath(
          sandbox,
          'kubectl get pods -n prod -l app=web',
          '{.items[*].metadata.labels.pod-template-hash}',
        )
      )
        .split(' ')
        .filter(Boolean);
    const before = await hashOf();
    assert.equal(new Set(before).size, 1);
    const { outcome } = await kubectl(sandbox, 'kubectl rollout restart deploy/web -n prod');
    const restarted = await hashOf();
    assert.notEqual(restarted[0], before[0]);
    const step = outcome.snapshot!.steps[0]!;
    assert.equal(step.operation, 'restore_template');
    assert.equal(step.resource, 'deployment');
    assert.match(
      step.description,
      /^Roll deployment web in prod back to its pod template from before the restart/,
    );

    const undo = await rollback(sandbox, outcome.snapshot!);
    assert.equal(undo.outcome.status, 'completed');
    assert.equal(undo.stdout.split('\n')[0], 'deployment.apps/web rolled back');
    const after = await hashOf();
    assert.deepEqual(after, [before[0], before[0], before[0]]);
    const annotations = await jsonpath(
      sandbox,
      'kubectl get deploy web -n prod',
      '{.spec.template.metadata.annotations}',
    );
    assert.equal(annotations, '', 'no restartedAt annotation any more');
  });

  it('label and drain: rollback puts labels back and uncordons', async () => {
    const label = await kubectl(sandbox, 'kubectl label deploy api -n prod env=prod tier=api');
    const drain = await kubectl(sandbox, 'kubectl drain node-3 --ignore-daemonsets --delete-emptydir-data');
    assert.equal(drain.outcome.status, 'completed');
    assert.equal(drain.outcome.snapshot!.steps[0]!.operation, 'uncordon');
    assert.equal((await rollback(sandbox, drain.outcome.snapshot!)).stdout, 'node/node-3 uncordoned\n');
    assert.match((await kubectl(sandbox, 'kubectl get node node-3')).stdout, /\nnode-3\s+Ready\s/);
    await rollback(sandbox, label.outcome.snapshot!);
    const labels = await jsonpath(sandbox, 'kubectl get deploy api -n prod', '{.metadata.labels}');
    assert.deepEqual(JSON.parse(labels), { app: 'api' });
  });

  it('create: rollback deletes what was created', async () => {
    const { outcome } = await kubectl(
      sandbox,
      'kubectl create deployment demo --image=nginx:1.27 -n default',
    );
    assert.equal(
      outcome.snapshot!.steps[0]!.description,
      'Delete deployment demo in default, which this command created',
    );
    const undo = await rollback(sandbox, outcome.snapshot!);
    assert.equal(undo.stdout.split('\n')[0], 'deployment.apps "demo" deleted');
    assert.deepEqual(await names(sandbox, 'kubectl get deploy'), ['hello']);
  });

  it('refuses a snapshot it did not take', async () => {
    const undo = await rollback(sandbox, { steps: [], state: { something: 'else' } });
    assert.equal(undo.outcome.status, 'failed');
    assert.equal(undo.outcome.error, 'error: this snapshot was not taken by the sandbox cluster');
  });
});

describe('sandbox executor: persistence', () => {
  it('saves after changes and a new executor continues from the saved cluster', async () => {
    const store = createMemorySandboxStore();
    const first = createSandboxExecutor({ store, timeScale: 0.01 });
    const savesAfterStart = store.saves;
    assert.ok(store.json, 'the seeded cluster is saved at once');
    await kubectl(first, 'kubectl scale deploy web -n prod --replicas=4');
    await kubectl(first, 'kubectl create namespace team-a');
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(store.saves > savesAfterStart);
    const pods = await names(first, 'kubectl get pods -A');
    await first.close();

    const second = createSandboxExecutor({ store, timeScale: 0.01 });
    try {
      assert.deepEqual(await names(second, 'kubectl get pods -A'), pods);
      assert.match((await kubectl(second, 'kubectl get deploy web -n prod')).stdout, /\nweb\s+4\/4\s/);
      assert.deepEqual(await names(second, 'kubectl get ns team-a'), ['team-a']);
    } finally {
      await second.close();
    }
  });

  it('pods that were mid-transition when the server stopped settle after the restart', async () => {
    const store = createMemorySandboxStore();
    const first = createSandboxExecutor({ store, timeScale: 1 });
    const controller = new AbortController();
    const scaling = kubectl(first, 'kubectl scale deploy api -n prod --replicas=4', {
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    const { outcome, stdout } = await scaling;
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.exitCode, 130);
    assert.match(stdout, / Pending$/m);
    assert.doesNotMatch(stdout, / Running$/m);
    await first.close();
    const saved = JSON.parse(store.json!) as { timers: unknown[] };
    assert.ok(saved.timers.length > 0, 'the pending transitions are part of the saved state');

    const second = createSandboxExecutor({ store, timeScale: 0.01 });
    try {
      const status = await kubectl(second, 'kubectl rollout status deploy/api -n prod');
      assert.equal(status.outcome.status, 'completed');
      assert.match(status.stdout, /deployment "api" successfully rolled out\n$/);
      assert.match((await kubectl(second, 'kubectl get deploy api -n prod')).stdout, /\napi\s+4\/4\s/);
    } finally {
      await second.close();
    }
  });

  it('the same seed builds the same cluster', async () => {
    const a = createSandboxExecutor({ seed: 7, now: () => Date.UTC(2025, 0, 15, 12) });
    const b = createSandboxExecutor({ seed: 7, now: () => Date.UTC(2025, 0, 15, 12) });
    const c = createSandboxExecutor({ seed: 8, now: () => Date.UTC(2025, 0, 15, 12) });
    try {
      const list = (e: Executor) => names(e, 'kubectl get pods -A');
      assert.deepEqual(await list(a), await list(b));
      assert.notDeepEqual(await list(a), await list(c));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
