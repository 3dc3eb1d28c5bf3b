import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemorySandboxStore, createSandboxExecutor, type Executor } from '../src/executor/index.js';
import { kubectl } from './helpers/sandbox-run.js';

/** Splits a kubectl table into rows of cells (cells never contain three spaces in a row here). */
function table(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => line.trim().split(/ {2,}/));
}

describe('sandbox executor: the seeded cluster', () => {
  let sandbox: Executor;
  before(() => {
    sandbox = createSandboxExecutor({ store: createMemorySandboxStore(), timeScale: 0.01 });
  });
  after(() => sandbox.close());

  it('names its target', () => {
    assert.deepEqual(sandbox.target(), { cluster: 'sandbox', context: 'sandbox' });
    assert.equal(sandbox.name, 'sandbox');
  });

  it('has the four namespaces and three ready nodes', async () => {
    const ns = await kubectl(sandbox, 'kubectl get namespaces');
    assert.equal(ns.outcome.status, 'completed');
    assert.deepEqual(table(ns.stdout)[0], ['NAME', 'STATUS', 'AGE']);
    assert.deepEqual(
      table(ns.stdout)
        .slice(1)
        .map((r) => [r[0], r[1]]),
      [
        ['default', 'Active'],
        ['kube-system', 'Active'],
        ['prod', 'Active'],
        ['staging', 'Active'],
      ],
    );
    const nodes = table((await kubectl(sandbox, 'kubectl get nodes')).stdout);
    assert.deepEqual(nodes[0], ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    assert.deepEqual(
      nodes.slice(1).map((r) => [r[0], r[1]]),
      [
        ['node-1', 'Ready'],
        ['node-2', 'Ready'],
        ['node-3', 'Ready'],
      ],
    );
  });

  it('runs the prod workloads: deployments, statefulset, cronjob, jobs, services, ingress', async () => {
    const deploy = table((await kubectl(sandbox, 'kubectl get deployments -n prod')).stdout);
    assert.deepEqual(deploy[0], ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    assert.deepEqual(
      deploy.slice(1).map((r) => r.slice(0, 4)),
      [
        ['api', '2/2', '2', '2'],
        ['web', '3/3', '3', '3'],
        ['worker', '1/1', '1', '1'],
      ],
    );
    const wide = table((await kubectl(sandbox, 'kubectl get deploy api -n prod -o wide')).stdout);
    assert.deepEqual(wide[0]!.slice(5), ['CONTAINERS', 'IMAGES', 'SELECTOR']);
    assert.deepEqual(wide[1]!.slice(5), ['api', 'registry.example/api:1.42.0', 'app=api']);

    const all = (await kubectl(sandbox, 'kubectl get all -n prod')).stdout;
    for (const expected of [
      'statefulset.apps/postgres',
      'cronjob.batch/nightly-backup',
      'job.batch/db-migrate-1-42-0',
      'service/api',
      'service/web',
      'service/postgres',
    ]) {
      assert.match(all, new RegExp(`^${expected.replace(/\./g, '\\.')}\\s`, 'm'), expected);
    }
    const ingress = table((await kubectl(sandbox, 'kubectl get ingress -n prod')).stdout);
    assert.deepEqual(ingress[1]!.slice(0, 5), [
      'web',
      'nginx',
      'shop.example.com',
      '203.0.113.10',
      '80, 443',
    ]);
  });

  it('names pods like kubectl and shows restarts, IPs and nodes', async () => {
    const pods = table((await kubectl(sandbox, 'kubectl get pods -n prod -o wide')).stdout);
    assert.deepEqual(pods[0], [
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
    ]);
    const api = pods.filter((r) => r[0]!.startsWith('api-'));
    assert.equal(api.length, 2);
    for (const row of api) {
      assert.match(row[0]!, /^api-[4-9b-df]{8,10}-[b-df-hj-np-tv-z2-9]{5}$/);
      assert.equal(row[2], 'Running');
      assert.match(row[5]!, /^10\.244\.\d+\.\d+$/);
      assert.match(row[6]!, /^node-[123]$/);
    }
    const worker = pods.find((r) => r[0]!.startsWith('worker-'))!;
    assert.match(worker[3]!, /^3 \(\d+m ago\)$/);
    assert.ok(pods.some((r) => r[0] === 'postgres-0' && r[1] === '1/1'));
    assert.ok(pods.some((r) => r[0]!.startsWith('nightly-backup-') && r[2] === 'Completed'));
  });

  it('runs one kube-proxy per node and the system deployments', async () => {
    const ds = table((await kubectl(sandbox, 'kubectl get ds -n kube-system')).stdout);
    assert.deepEqual(ds[1]!.slice(0, 6), ['kube-proxy', '3', '3', '3', '3', '3']);
    const proxies = table(
      (await kubectl(sandbox, 'kubectl get pods -n kube-system -l k8s-app=kube-proxy -o wide')).stdout,
    )
      .slice(1)
      .map((r) => r[6])
      .sort();
    assert.deepEqual(proxies, ['node-1', 'node-2', 'node-3']);
    const deploy = table((await kubectl(sandbox, 'kubectl get deploy -n kube-system')).stdout).map(
      (r) => r[0],
    );
    assert.deepEqual(deploy.slice(1), ['coredns', 'metrics-server']);
    const hello = table((await kubectl(sandbox, 'kubectl get deploy')).stdout);
    assert.deepEqual(hello[1]!.slice(0, 2), ['hello', '1/1']);
  });

  it('adds a NAMESPACE column with -A', async () => {
    const rows = table((await kubectl(sandbox, 'kubectl get deploy -A')).stdout);
    assert.deepEqual(rows[0], ['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    assert.deepEqual(
      [...new Set(rows.slice(1).map((r) => r[0]))],
      ['default', 'kube-system', 'prod', 'staging'],
    );
  });

  it('never prints secret values in tables, but -o yaml has base64 data', async () => {
    const secrets = table((await kubectl(sandbox, 'kubectl get secrets -n prod')).stdout);
    assert.deepEqual(secrets[0], ['NAME', 'TYPE', 'DATA', 'AGE']);
    assert.deepEqual(
      secrets.slice(1).map((r) => r.slice(0, 3)),
      [
        ['api-tokens', 'Opaque', '2'],
        ['db-credentials', 'Opaque', '2'],
        ['web-tls', 'kubernetes.io/tls', '2'],
      ],
    );
    const yaml = (await kubectl(sandbox, 'kubectl get secret db-credentials -n prod -o yaml')).stdout;
    assert.match(
      yaml,
      /^apiVersion: v1\ndata:\n {2}password: [A-Za-z0-9+/=]+\n {2}username: c2hvcA==\nkind: Secret\n/,
    );
    const describe = (await kubectl(sandbox, 'kubectl describe secret db-credentials -n prod')).stdout;
    assert.match(describe, /username:\s+4 bytes/);
    assert.doesNotMatch(describe, /c2hvcA==|shop/);
  });

  it('prints -o json as the API object, and a List for several', async () => {
    const one = JSON.parse((await kubectl(sandbox, 'kubectl get deploy api -n prod -o json')).stdout);
    assert.equal(one.kind, 'Deployment');
    assert.equal(one.apiVersion, 'apps/v1');
    assert.equal(one.spec.replicas, 2);
    assert.equal(one.spec.template.spec.containers[0].name, 'api');
    assert.equal(one.status.readyReplicas, 2);
    assert.deepEqual(Object.keys(one), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
    const list = JSON.parse((await kubectl(sandbox, 'kubectl get svc -n prod -o json')).stdout);
    assert.equal(list.kind, 'List');
    assert.deepEqual(
      list.items.map((s: { metadata: { name: string } }) => s.metadata.name),
      ['api', 'postgres', 'web'],
    );
  });

  it('prints -o yaml, -o name, jsonpath and custom-columns', async () => {
    const yaml = (await kubectl(sandbox, 'kubectl get deploy web -n prod -o yaml')).stdout;
    assert.match(yaml, /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n/);
    assert.match(yaml, /\n {6}containers:\n {6}- env:\n/);
    assert.match(yaml, /\nspec:\n[\s\S]*\n {2}replicas: 3\n/);
    const names = (await kubectl(sandbox, 'kubectl get deploy,svc -n prod -o name')).stdout;
    assert.equal(
      names,
      'deployment.apps/api\ndeployment.apps/web\ndeployment.apps/worker\nservice/api\nservice/postgres\nservice/web\n',
    );
    const image = await kubectl(
      sandbox,
      `kubectl get deploy api -n prod -o jsonpath='{.spec.template.spec.containers[0].image}'`,
    );
    assert.equal(image.stdout.trim(), 'registry.example/api:1.42.0');
    const ready = await kubectl(
      sandbox,
      `kubectl get nodes -o jsonpath='{range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}'`,
    );
    assert.equal(ready.stdout, 'node-1=True\nnode-2=True\nnode-3=True\n');
    const columns = table(
      (
        await kubectl(
          sandbox,
          'kubectl get deploy -n prod -o custom-columns=NAME:.metadata.name,REPLICAS:.spec.replicas',
        )
      ).stdout,
    );
    assert.deepEqual(columns, [
      ['NAME', 'REPLICAS'],
      ['api', '2'],
      ['web', '3'],
      ['worker', '1'],
    ]);
  });

  it('selects with =, !=, in, notin, exists and !exists', async () => {
    const names = async (selector: string) =>
      (await kubectl(sandbox, `kubectl get deploy -A -l '${selector}' -o name`)).stdout.trim().split('\n');
    assert.deepEqual(await names('app=api'), ['deployment.apps/api', 'deployment.apps/api']);
    const frontend = await kubectl(sandbox, 'kubectl get pods -n prod -l tier=frontend,app=web -o name');
    assert.equal(frontend.stdout.trim().split('\n').length, 3);
    assert.deepEqual(await names('app in (hello,coredns)'), ['deployment.apps/hello']);
    assert.deepEqual(await names('k8s-app'), ['deployment.apps/coredns', 'deployment.apps/metrics-server']);
    assert.deepEqual(await names('k8s-app,k8s-app!=kube-dns'), ['deployment.apps/metrics-server']);
    const notApp = await kubectl(
      sandbox,
      `kubectl get pods -n prod -l 'app notin (api,web,worker),!job-name' -o name`,
    );
    assert.deepEqual(notApp.stdout.trim().split('\n'), ['pod/postgres-0']);
    const bad = await kubectl(sandbox, `kubectl get pods -l 'app in (a'`);
    assert.equal(bad.outcome.exitCode, 1);
    assert.match(bad.stderr, /^error: unable to parse requirement/);
  });

  it('filters pods by node with --field-selector', async () => {
    const out = await kubectl(sandbox, 'kubectl get pods -A --field-selector spec.nodeName=node-2 -o wide');
    const rows = table(out.stdout).slice(1);
    assert.ok(rows.length > 2);
    assert.ok(rows.every((r) => r[7] === 'node-2'));
  });

  it('says when nothing is found, on stderr, like kubectl', async () => {
    const out = await kubectl(sandbox, 'kubectl get pods -n nowhere');
    assert.equal(out.outcome.status, 'completed');
    assert.equal(out.stdout, '');
    assert.equal(out.stderr, 'No resources found in nowhere namespace.\n');
  });

  it('describes pods, deployments and nodes with events', async () => {
    const pod = (await kubectl(sandbox, 'kubectl describe pod -n prod worker')).stdout;
    assert.match(pod, /^Name:\s+worker-\S+\nNamespace:\s+prod\n/);
    assert.match(pod, /Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
    assert.match(pod, /Restart Count:\s+3/);
    assert.match(pod, /Events:\n\s+Type\s+Reason\s+Age\s+From\s+Message\n/);
    assert.match(pod, /Warning\s+BackOff\s+/);
    const deploy = (await kubectl(sandbox, 'kubectl describe deployment api -n prod')).stdout;
    assert.match(deploy, /Replicas:\s+2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable/);
    assert.match(deploy, /NewReplicaSet:\s+api-\w+ \(2\/2 replicas created\)/);
    const node = (await kubectl(sandbox, 'kubectl describe node node-1')).stdout;
    assert.match(node, /Non-terminated Pods:\s+\(\d+ in total\)/);
    assert.match(node, /Allocated resources:/);
  });

  it('shows plausible usage with top', async () => {
    const pods = table((await kubectl(sandbox, 'kubectl top pods -n prod')).stdout);
    assert.deepEqual(pods[0], ['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    for (const row of pods.slice(1)) {
      assert.match(row[1]!, /^\d+m$/);
      assert.match(row[2]!, /^\d+Mi$/);
    }
    assert.ok(!pods.some((r) => r[0]!.startsWith('nightly-backup')), 'completed pods have no metrics');
    const nodes = table((await kubectl(sandbox, 'kubectl top nodes')).stdout);
    assert.deepEqual(nodes[0], ['NAME', 'CPU(cores)', 'CPU%', 'MEMORY(bytes)', 'MEMORY%']);
    assert.equal(nodes.length, 4);
    for (const row of nodes.slice(1)) {
      const cpu = Number(row[2]!.replace('%', ''));
      assert.ok(cpu > 0 && cpu < 100, `cpu% ${row[2]}`);
    }
  });

  it('fails like kubectl: NotFound, unknown kinds, unknown and unsupported verbs, bad output', async () => {
    const cases: [string, string][] = [
      [
        'kubectl get deployment nope -n prod',
        'Error from server (NotFound): deployments.apps "nope" not found',
      ],
      ['kubectl get pod nope -n prod', 'Error from server (NotFound): pods "nope" not found'],
      [
        'kubectl describe ingress nope -n prod',
        'Error from server (NotFound): ingresses.networking.k8s.io "nope" not found',
      ],
      [
        'kubectl scale deploy nope -n prod --replicas=2',
        'Error from server (NotFound): deployments.apps "nope" not found',
      ],
      ['kubectl get widgets', `error: the server doesn't have a resource type "widgets"`],
      ['kubectl delete widgets foo', `error: the server doesn't have a resource type "widgets"`],
      ['kubectl frobnicate pods', 'error: unknown command "frobnicate" for "kubectl"'],
      [
        'kubectl scale deploy api -n prod',
        'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0',
      ],
    ];
    for (const [line, message] of cases) {
      const { outcome, stderr, stdout } = await kubectl(sandbox, line);
      assert.equal(outcome.exitCode, 1, line);
      assert.equal(outcome.status, 'failed', line);
      assert.equal(stderr.split('\n')[0], message, line);
      assert.equal(outcome.error, message, line);
      assert.equal(stdout, '', line);
    }
    const exec = await kubectl(sandbox, 'kubectl exec -it web -- sh');
    assert.equal(exec.outcome.exitCode, 1);
    assert.match(exec.stderr, /^error: the sandbox cluster does not support "kubectl exec"/);
    const output = await kubectl(sandbox, 'kubectl get pods -o toml');
    assert.match(output.stderr, /^error: unable to match a printer suitable for the output format "toml"/);
  });

  it('prints found objects and fails for the missing one', async () => {
    const out = await kubectl(sandbox, 'kubectl get deploy api nope -n prod');
    assert.equal(out.outcome.exitCode, 1);
    assert.match(out.stdout, /^NAME\s+READY.*\napi\s+2\/2/);
    assert.equal(out.stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
