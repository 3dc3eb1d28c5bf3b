/**
 * The cluster a new sandbox starts with. Rather than writing pods and ReplicaSets by hand, the seed
 * replays six weeks of history through the real controllers on a manual clock — nodes join, teams
 * deploy, roll out new images, scale, a worker gets OOM-killed — so names, hashes, revisions, ages
 * and events are exactly what the simulation itself would produce.
 */
import { Cluster } from '../cluster.js';
import { createManualClock } from '../clock.js';
import { controllerHooks } from '../controllers/index.js';
import { CHANGE_CAUSE_ANNOTATION } from '../controllers/deployments.js';
import { setTemplate } from '../workloads.js';
import {
  STATE_FORMAT,
  type ClusterState,
  type Deployment,
  type KubeEvent,
  type Pod,
  type PodTemplate,
} from '../model.js';
import { DAY, HOUR, MINUTE, container, template } from './builders.js';
import {
  addProduction,
  addStaging,
  apiTemplate,
  backupTemplate,
  webTemplate,
  workerTemplate,
} from './apps.js';
import { completedJob, restartContainer } from './history.js';
import { addSystem } from './system.js';

import { SANDBOX_CLUSTER_NAME } from './builders.js';

export { KUBERNETES_VERSION, SANDBOX_CLUSTER_NAME } from './builders.js';

function emptyState(seed: number, at: number): ClusterState {
  return {
    format: STATE_FORMAT,
    clusterName: SANDBOX_CLUSTER_NAME,
    savedAt: at,
    rng: seed >>> 0,
    resourceVersion: 1000,
    objects: {},
    timers: [],
    podIpCounters: {},
  };
}

/** Builds the initial cluster as it looks at `now`, deterministically for a given `seed`. */
export function seedCluster(seed: number, now: number): ClusterState {
  const start = now - 41 * DAY;
  const clock = createManualClock(start);
  const c = new Cluster(emptyState(seed, start), clock, controllerHooks);
  const advance = (to: number): void => {
    c.commit();
    c.runDueTimers(to);
    clock.set(to);
  };
  const deployments: Record<string, Deployment> = {};
  const addDeployment = (dep: Deployment): void => {
    deployments[`${dep.metadata.namespace}/${dep.metadata.name}`] = c.add(dep);
  };
  const rollout = (key: string, tpl: PodTemplate, cause: string): void => {
    const dep = deployments[key]!;
    dep.metadata.annotations = { ...dep.metadata.annotations, [CHANGE_CAUSE_ANNOTATION]: cause };
    setTemplate(c, dep, tpl);
  };

  // Day 0: the cluster comes up.
  addSystem(c);
  advance(start + 2 * HOUR);

  // Day 1: the default namespace gets a hello-world, prod goes live.
  const cron = addProduction(c, addDeployment);
  advance(start + DAY + 3 * HOUR);

  // Day 11: staging is set up for release candidates.
  advance(start + 11 * DAY);
  addStaging(c, addDeployment);
  advance(start + 11 * DAY + HOUR);

  // Releases: api 1.41.0 and worker 2.3.4 three weeks in, web 3.8.1 last week, api 1.42.0 three days ago.
  advance(start + 23 * DAY);
  rollout('prod/api', apiTemplate('registry.example/api:1.41.0', 'prod'), 'release 1.41.0: order export');
  rollout(
    'prod/worker',
    workerTemplate('registry.example/worker:2.3.4', 'prod'),
    'release 2.3.4: retry backoff',
  );
  advance(start + 23 * DAY + HOUR);
  advance(now - 9 * DAY);
  rollout('prod/web', webTemplate('registry.example/web:3.8.1', 'prod'), 'release 3.8.1: checkout fixes');
  rollout('staging/web', webTemplate('registry.example/web:3.9.0-rc.2', 'staging'), 'rc 3.9.0-rc.2');
  advance(now - 9 * DAY + HOUR);
  advance(now - 4 * DAY);
  rollout('staging/api', apiTemplate('registry.example/api:1.43.0-rc.1', 'staging'), 'rc 1.43.0-rc.1');
  advance(now - 3 * DAY - 2 * HOUR);
  rollout('prod/api', apiTemplate('registry.example/api:1.42.0', 'prod'), 'release 1.42.0: faster search');
  completedJob(
    c,
    'prod',
    'db-migrate-1-42-0',
    template(
      { app: 'db-migrate' },
      [
        container('migrate', 'registry.example/api:1.42.0', {
          args: ['migrate', 'up'],
          envFrom: [{ name: 'DB_PASSWORD', secret: 'db-credentials', key: 'password' }],
        }),
      ],
      { restartPolicy: 'Never' },
    ),
    now - 3 * DAY - 2 * HOUR - 5 * MINUTE,
    47_000,
  );
  advance(now - 3 * DAY);

  // The last two nightly backups.
  const lastRun = Math.floor((now - 2 * HOUR) / DAY) * DAY + 2 * HOUR;
  for (const runAt of [lastRun - DAY, lastRun]) {
    if (runAt > now) continue;
    advance(runAt);
    completedJob(
      c,
      'prod',
      `nightly-backup-${Math.floor(runAt / MINUTE)}`,
      backupTemplate(),
      runAt,
      94_000 + c.randomInt(0, 30_000),
      cron,
    );
    cron.status = { lastScheduleTime: c.timestamp(runAt), lastSuccessfulTime: c.timestamp(runAt + 120_000) };
    c.update(cron);
  }

  // The last hour: the worker ran out of memory, and web was scaled up for a campaign.
  const oomAt = now - 47 * MINUTE;
  advance(oomAt);
  const worker = c.list<Pod>('pods', 'prod').find((p) => p.metadata.labels?.app === 'worker');
  if (worker) restartContainer(c, worker, 3, 'OOMKilled', oomAt);
  const coreDnsPod = c
    .list<Pod>('pods', 'kube-system')
    .find((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
  if (coreDnsPod) {
    const cs = coreDnsPod.status.containerStatuses![0]!;
    cs.restartCount = 1;
    cs.lastState = {
      terminated: {
        exitCode: 1,
        reason: 'Error',
        startedAt: coreDnsPod.status.startTime!,
        finishedAt: c.timestamp(start + 12 * DAY),
        containerID: `containerd://${c.hex(64)}`,
      },
    };
    c.update(coreDnsPod);
  }
  advance(now - 20 * MINUTE);
  const web = deployments['prod/web']!;
  web.spec.replicas = 3;
  web.metadata.generation = (web.metadata.generation ?? 1) + 1;
  c.update(web);
  advance(now);

  // Events expire after an hour on a real API server.
  for (const event of c.list<KubeEvent>('events')) {
    if (Date.parse(event.lastTimestamp) < now - HOUR) c.remove(event);
  }
  c.commit();
  return c.state;
}
