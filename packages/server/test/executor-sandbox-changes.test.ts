import { afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RecordingSink } from '../src/executor/index.js';
import { createMemorySandboxStore, createSandboxExecutor, type Executor } from '../src/executor/index.js';
import { kubectl, names } from './helpers/sandbox-run.js';

/** `pod/x Pending` lines per pod, in the order they were printed. */
function podTimeline(sink: RecordingSink): Map<string, string[]> {
  const timeline = new Map<string, string[]>();
  for (const line of sink.stdout.split('\n')) {
    const m = /^pod\/(\S+) (\S+)$/.exec(line);
    if (m) timeline.set(m[1]!, [...(timeline.get(m[1]!) ?? []), m[2]!]);
  }
  return timeline;
}

describe('sandbox executor: changes that settle over time', () => {
  let sandbox: Executor;
  let seeded: string;
  before(async () => {
    // Seed once; every test starts from a copy of that saved cluster (which also exercises loading).
    const store = createMemorySandboxStore();
    await createSandboxExecutor({ store }).close();
    seeded = store.json!;
  });
  beforeEach(() => {
    sandbox = createSandboxExecutor({ store: createMemorySandboxStore(seeded), timeScale: 0.01 });
  });
  afterEach(() => sandbox.close());

  it('scales up: kubectl line first, each new pod Pending → ContainerCreating → Running, progress to 100', async () => {
    const before = await names(sandbox, 'kubectl get pods -n prod -l app=api');
    const { outcome, sink } = await kubectl(sandbox, 'kubectl scale deployment api -n prod --replicas=4');
    assert.equal(outcome.status, 'completed');
    assert.equal(outcome.exitCode, 0);
    const first = sink.events.find((e) => e.type === 'output');
    assert.deepEqual(first, { type: 'output', stream: 'stdout', chunk: 'deployment.apps/api scaled\n' });
    const timeline = podTimeline(sink);
    assert.equal(timeline.size, 2, 'two new pods narrated');
    for (const [pod, states] of timeline) {
      assert.ok(!before.includes(pod));
      assert.match(pod, /^api-\w+-\w{5}$/);
      assert.deepEqual(states, ['Pending', 'ContainerCreating', 'Running']);
    }
    const percentages = sink.percentages;
    assert.equal(percentages.at(-1), 100);
    assert.deepEqual(
      percentages,
      [...percentages].sort((a, b) => a - b),
      'progress never goes back',
    );
    assert.ok(percentages.length >= 3);
    const last = sink.events.filter((e) => e.type === 'progress').at(-1);
    assert.deepEqual(last, {
      type: 'progress',
      percentage: 100,
      stage: 'scaling',
      description: '4/4 pods ready',
    });
    const rows = (await kubectl(sandbox, 'kubectl get deploy api -n prod')).stdout;
    assert.match(rows, /\napi\s+4\/4\s+4\s+4\s/);
  });

  it('scales down: pods go Terminating, then away', async () => {
    const { outcome, sink } = await kubectl(sandbox, 'kubectl scale deploy/web -n prod --replicas=1');
    assert.equal(outcome.status, 'completed');
    const timeline = podTimeline(sink);
    assert.equal(timeline.size, 2);
    for (const states of timeline.values()) assert.deepEqual(states, ['Terminating', 'deleted']);
    assert.equal(sink.percentages.at(-1), 100);
    assert.equal((await names(sandbox, 'kubectl get pods -n prod -l app=web')).length, 1);
  });

  it('scales a statefulset one ordinal at a time', async () => {
    const { outcome, sink } = await kubectl(
      sandbox,
      'kubectl scale statefulset postgres -n prod --replicas=3',
    );
    assert.equal(outcome.status, 'completed');
    const order = sink.stdout.split('\n').filter((l) => /^pod\/postgres-\d (Pending|Running)$/.test(l));
    assert.deepEqual(order, [
      'pod/postgres-1 Pending',
      'pod/postgres-1 Running',
      'pod/postgres-2 Pending',
      'pod/postgres-2 Running',
    ]);
    assert.deepEqual(await names(sandbox, 'kubectl get pvc -n prod'), [
      'data-postgres-0',
      'data-postgres-1',
      'data-postgres-2',
    ]);
  });

  it('rollout restart replaces every pod, one at a time, with new names', async () => {
    const before = await names(sandbox, 'kubectl get pods -n prod -l app=web');
    assert.equal(before.length, 3);
    const { outcome, sink } = await kubectl(sandbox, 'kubectl rollout restart deployment/web -n prod');
    assert.equal(outcome.status, 'completed');
    assert.equal(sink.stdout.split('\n')[0], 'deployment.apps/web restarted');
    const after = await names(sandbox, 'kubectl get pods -n prod -l app=web');
    assert.equal(after.length, 3);
    assert.equal(after.filter((p) => before.includes(p)).length, 0, 'no old pod left');
    const timeline = podTimeline(sink);
    for (const old of before) assert.deepEqual(timeline.get(old), ['Terminating', 'deleted']);
    for (const fresh of after)
      assert.deepEqual(timeline.get(fresh), ['Pending', 'ContainerCreating', 'Running']);
    // maxSurge 1 / maxUnavailable 0: an old pod only goes once a new one is Running.
    const lines = sink.stdout.split('\n');
    const firstRunning = lines.findIndex((l) => l.endsWith(' Running'));
    const firstTerminating = lines.findIndex((l) => l.endsWith(' Terminating'));
    assert.ok(firstRunning < firstTerminating);
    const pending = lines.filter((l) => l.endsWith(' Pending')).length;
    assert.equal(pending, 3);
    assert.equal(sink.percentages.at(-1), 100);
    const yaml = (await kubectl(sandbox, 'kubectl get deploy web -n prod -o yaml')).stdout;
    assert.match(yaml, /kubectl\.kubernetes\.io\/restartedAt: "\d{4}-\d\d-\d\dT/);
  });

  it('rollout status reports success once the rollout is done', async () => {
    const status = await kubectl(sandbox, 'kubectl rollout status deployment/api -n prod');
    assert.equal(status.stdout, 'deployment "api" successfully rolled out\n');
    const history = await kubectl(sandbox, 'kubectl rollout history deployment/api -n prod');
    assert.match(
      history.stdout,
      /^deployment\.apps\/api \nREVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+release 1\.41\.0/,
    );
  });

  it('set image rolls out a new revision and rollout undo goes back', async () => {
    const set = await kubectl(
      sandbox,
      'kubectl set image deployment/api api=registry.example/api:1.43.0 -n prod',
    );
    assert.equal(set.outcome.status, 'completed');
    assert.equal(set.stdout.split('\n')[0], 'deployment.apps/api image updated');
    const image = `kubectl get deploy api -n prod -o jsonpath='{.spec.template.spec.containers[0].image}'`;
    assert.equal((await kubectl(sandbox, image)).stdout.trim(), 'registry.example/api:1.43.0');
    const history = (await kubectl(sandbox, 'kubectl rollout history deploy api -n prod')).stdout;
    assert.match(history, /\n4\s+/);
    const undo = await kubectl(sandbox, 'kubectl rollout undo deployment/api -n prod');
    assert.equal(undo.stdout.split('\n')[0], 'deployment.apps/api rolled back');
    assert.equal((await kubectl(sandbox, image)).stdout.trim(), 'registry.example/api:1.42.0');
    const missing = await kubectl(sandbox, 'kubectl rollout undo deployment/api -n prod --to-revision=9');
    assert.equal(missing.stderr, 'error: unable to find specified revision 9 in history\n');
  });

  it('a deleted pod is recreated by its deployment', async () => {
    const [victim, survivor] = await names(sandbox, 'kubectl get pods -n prod -l app=api');
    const { outcome, sink } = await kubectl(sandbox, `kubectl delete pod ${victim} -n prod`);
    assert.equal(outcome.status, 'completed');
    assert.equal(sink.stdout.split('\n')[0], `pod "${victim}" deleted`);
    assert.deepEqual(podTimeline(sink).get(victim!), ['Terminating', 'deleted']);
    const after = await names(sandbox, 'kubectl get pods -n prod -l app=api');
    assert.equal(after.length, 2);
    assert.ok(!after.includes(victim!));
    assert.ok(after.includes(survivor!));
    const replacement = after.find((p) => p !== survivor)!;
    assert.deepEqual(podTimeline(sink).get(replacement), ['Pending', 'ContainerCreating', 'Running']);
  });

  it('deleting a deployment takes its replica sets and pods with it', async () => {
    const { outcome, stdout } = await kubectl(sandbox, 'kubectl delete deployment worker -n prod');
    assert.equal(outcome.status, 'completed');
    assert.match(stdout, /^deployment\.apps "worker" deleted\n/);
    assert.deepEqual(await names(sandbox, 'kubectl get pods -n prod -l app=worker'), []);
    assert.deepEqual(await names(sandbox, 'kubectl get rs -n prod -l app=worker'), []);
    const gone = await kubectl(sandbox, 'kubectl get deploy worker -n prod');
    assert.equal(gone.outcome.exitCode, 1);
  });

  it('deleting a namespace terminates it, then it is gone with everything in it', async () => {
    const pending = kubectl(sandbox, 'kubectl delete namespace staging');
    // While it runs, the namespace is Terminating.
    const during = (await kubectl(sandbox, 'kubectl get ns staging')).stdout;
    assert.match(during, /\nstaging\s+Terminating\s/);
    const { outcome, stdout } = await pending;
    assert.equal(outcome.status, 'completed');
    assert.equal(stdout.split('\n')[0], 'namespace "staging" deleted');
    assert.match(stdout, /pod\/postgres-0 Terminating/);
    assert.deepEqual(await names(sandbox, 'kubectl get ns'), ['default', 'kube-system', 'prod']);
    const pods = await kubectl(sandbox, 'kubectl get all -n staging');
    assert.equal(pods.stderr, 'No resources found in staging namespace.\n');
    const protectedNs = await kubectl(sandbox, 'kubectl delete ns kube-system');
    assert.equal(protectedNs.outcome.exitCode, 1);
    assert.match(
      protectedNs.stderr,
      /namespaces "kube-system" is forbidden: this namespace may not be deleted/,
    );
  });

  it('drain refuses DaemonSet pods unless told, then evicts and reschedules elsewhere', async () => {
    const refused = await kubectl(sandbox, 'kubectl drain node-1');
    assert.equal(refused.outcome.exitCode, 1);
    assert.equal(refused.stdout, 'node/node-1 cordoned\n');
    assert.match(
      refused.stderr,
      /^error: unable to drain node "node-1" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kube-proxy-\w+/,
    );
    assert.match(refused.stderr, /There are pending nodes to be drained:\n node-1\n/);

    const onNode1 = (
      await kubectl(sandbox, 'kubectl get pods -A -o wide --field-selector spec.nodeName=node-1')
    ).stdout;
    const movable = onNode1
      .split('\n')
      .slice(1)
      .filter((l) => l && !/kube-proxy/.test(l))
      .map((l) => l.split(/\s+/)[1]!);
    assert.ok(movable.length > 0);

    const { outcome, stdout, stderr, sink } = await kubectl(
      sandbox,
      'kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data',
    );
    assert.equal(outcome.status, 'completed');
    assert.match(stderr, /^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w+\n/);
    for (const pod of movable) {
      assert.match(stdout, new RegExp(`^evicting pod \\S+/${pod}$`, 'm'));
      assert.match(stdout, new RegExp(`^pod/${pod} evicted$`, 'm'));
    }
    assert.match(stdout, /^node\/node-1 drained$/m);
    assert.equal(sink.percentages.at(-1), 100);

    const left = (await kubectl(sandbox, 'kubectl get pods -A -o wide --field-selector spec.nodeName=node-1'))
      .stdout;
    assert.deepEqual(
      left
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[1]!.replace(/-\w+$/, '')),
      ['kube-proxy'],
    );
    const deployments = (await kubectl(sandbox, 'kubectl get deploy -A')).stdout
      .split('\n')
      .slice(1)
      .filter(Boolean);
    for (const row of deployments) {
      const [, name, ready] = row.split(/\s+/);
      const [have, want] = ready!.split('/');
      assert.equal(have, want, `${name} is back to full strength`);
    }
    const nodes = (await kubectl(sandbox, 'kubectl get nodes')).stdout;
    assert.match(nodes, /\nnode-1\s+Ready,SchedulingDisabled\s/);
    const uncordon = await kubectl(sandbox, 'kubectl uncordon node-1');
    assert.equal(uncordon.stdout, 'node/node-1 uncordoned\n');
  });

  it('does not wait for pods nobody can schedule, and says why', async () => {
    await kubectl(sandbox, 'kubectl cordon node-1 node-2 node-3');
    const started = Date.now();
    const { outcome, stdout, stderr } = await kubectl(
      sandbox,
      'kubectl scale deploy api -n prod --replicas=3',
    );
    assert.equal(outcome.status, 'completed');
    assert.ok(Date.now() - started < 1000);
    assert.match(stdout, /^deployment\.apps\/api scaled\npod\/api-\S+ Pending\n$/);
    assert.match(
      stderr,
      /^Warning: 1 pod cannot be scheduled: 0\/3 nodes are available: 3 node\(s\) were unschedulable\./,
    );
    await kubectl(sandbox, 'kubectl uncordon node-2');
    const status = await kubectl(sandbox, 'kubectl rollout status deploy/api -n prod');
    assert.match(status.stdout, /deployment "api" successfully rolled out\n$/);
    const placed = await kubectl(sandbox, 'kubectl get pods -n prod -l app=api -o wide');
    assert.match(placed.stdout, /\s+node-2\s+/);
  });

  it('label and annotate honour --overwrite and key- removal', async () => {
    const set = await kubectl(sandbox, 'kubectl label deployment web -n prod team=shop');
    assert.equal(set.stdout, 'deployment.apps/web labeled\n');
    const conflict = await kubectl(sandbox, 'kubectl label deployment web -n prod team=search');
    assert.equal(conflict.outcome.exitCode, 1);
    assert.equal(conflict.stderr, `error: 'team' already has a value (shop), and --overwrite is false\n`);
    const overwrite = await kubectl(sandbox, 'kubectl label deployment web -n prod team=search --overwrite');
    assert.equal(overwrite.outcome.status, 'completed');
    const labels = `kubectl get deploy web -n prod -o jsonpath='{.metadata.labels}'`;
    assert.deepEqual(JSON.parse((await kubectl(sandbox, labels)).stdout), { app: 'web', team: 'search' });
    const removed = await kubectl(sandbox, 'kubectl label deployment web -n prod team-');
    assert.equal(removed.stdout, 'deployment.apps/web unlabeled\n');
    assert.deepEqual(JSON.parse((await kubectl(sandbox, labels)).stdout), { app: 'web' });
    const annotate = await kubectl(sandbox, `kubectl annotate pod postgres-0 -n prod 'note=backup at 02:00'`);
    assert.equal(annotate.stdout, 'pod/postgres-0 annotated\n');
    const note = `kubectl get pod postgres-0 -n prod -o jsonpath='{.metadata.annotations.note}'`;
    assert.equal((await kubectl(sandbox, note)).stdout.trim(), 'backup at 02:00');
  });

  it('creates a namespace and a deployment in it', async () => {
    const ns = await kubectl(sandbox, 'kubectl create namespace team-a');
    assert.equal(ns.stdout, 'namespace/team-a created\n');
    const again = await kubectl(sandbox, 'kubectl create ns team-a');
    assert.equal(again.stderr, 'Error from server (AlreadyExists): namespaces "team-a" already exists\n');
    const dep = await kubectl(
      sandbox,
      'kubectl create deployment nginx --image=nginx:1.27 --replicas=2 -n team-a',
    );
    assert.equal(dep.outcome.status, 'completed');
    assert.equal(dep.stdout.split('\n')[0], 'deployment.apps/nginx created');
    assert.match((await kubectl(sandbox, 'kubectl get deploy -n team-a')).stdout, /\nnginx\s+2\/2\s/);
    assert.deepEqual(await names(sandbox, 'kubectl get sa -n team-a'), ['default']);
  });

  it('a timeout ends the wait with status timeout; the cluster carries on', async () => {
    const slow = createSandboxExecutor({ store: createMemorySandboxStore(seeded), timeScale: 1 });
    try {
      const started = Date.now();
      const { outcome } = await kubectl(slow, 'kubectl scale deploy api -n prod --replicas=3', {
        timeoutMs: 150,
      });
      assert.equal(outcome.status, 'timeout');
      assert.equal(outcome.exitCode, 124);
      assert.ok(Date.now() - started < 1000);
      assert.ok(outcome.snapshot, 'the change was made, so it can be rolled back');
      assert.match((await kubectl(slow, 'kubectl get deploy api -n prod')).stdout, /\napi\s+[23]\/3\s/);
    } finally {
      await slow.close();
    }
  });

  it('cancel stops a rollout status wait at once with exit code 130', async () => {
    const slow = createSandboxExecutor({ store: createMemorySandboxStore(seeded), timeScale: 1 });
    try {
      await kubectl(slow, 'kubectl rollout restart deploy/web -n prod', { timeoutMs: 50 });
      const controller = new AbortController();
      const pending = kubectl(slow, 'kubectl rollout status deploy/web -n prod', {
        signal: controller.signal,
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const abortedAt = Date.now();
      controller.abort();
      const { outcome, stdout } = await pending;
      assert.ok(Date.now() - abortedAt < 200);
      assert.equal(outcome.status, 'cancelled');
      assert.equal(outcome.exitCode, 130);
      assert.match(stdout, /^Waiting for deployment "web" rollout to finish: /);
    } finally {
      await slow.close();
    }
  });
});
