/**
 * `kubectl create namespace|deployment|configmap|secret generic`. What a command creates, its
 * rollback deletes.
 */
import type { ConfigMap, Deployment, KubeObject, Namespace, Secret } from '../model.js';
import { SnapshotBuilder } from '../snapshot.js';
import {
  dryRun,
  fail,
  flag,
  namespaceOf,
  repeatedFlag,
  type CommandContext,
  type CommandResult,
} from './context.js';
import { objectRef } from './errors.js';
import { refOf, settle } from './settle.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const meta = (name: string, namespace?: string, labels?: Record<string, string>) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: '',
  resourceVersion: '',
  creationTimestamp: '',
  ...(labels ? { labels } : {}),
});

function literals(ctx: CommandContext): Record<string, string> | string {
  const data: Record<string, string> = {};
  for (const item of repeatedFlag(ctx, 'from-literal')) {
    const eq = item.indexOf('=');
    if (eq <= 0) return `error: invalid literal source ${item}, expected key=value`;
    data[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return data;
}

export async function create(ctx: CommandContext): Promise<CommandResult> {
  const kind = ctx.parsed.resources[0];
  const what = kind?.plural ?? ctx.parsed.subcommand ?? ctx.parsed.unknownResources[0];
  if (!what) return fail(ctx, 'error: must specify one of -f and -k');
  const names = [...ctx.parsed.names];
  if (what === 'secrets') {
    if (names[0] !== 'generic') {
      return fail(
        ctx,
        `error: the sandbox cluster creates "secret generic" only${names[0] ? `, not "secret ${names[0]}"` : ''}`,
      );
    }
    names.shift();
  }
  const name = names[0];
  if (!['namespaces', 'deployments', 'configmaps', 'secrets'].includes(what)) {
    return fail(
      ctx,
      `error: the sandbox cluster does not support "kubectl create ${what}"; it creates namespaces, deployments, configmaps and generic secrets`,
    );
  }
  if (!name) return fail(ctx, 'error: exactly one NAME is required, got 0');
  const c = ctx.cluster;
  const namespace = namespaceOf(ctx);
  const kindInfo = kind!;
  if (
    what === 'namespaces'
      ? !DNS_LABEL.test(name) || name.length > 63
      : !DNS_SUBDOMAIN.test(name) || name.length > 253
  ) {
    const rule =
      what === 'namespaces'
        ? `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
        : `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
    return fail(
      ctx,
      `The ${kindInfo.kind} "${name}" is invalid: metadata.name: Invalid value: "${name}": ${rule}`,
    );
  }
  if (c.get(kindInfo.plural, kindInfo.namespaced ? namespace : undefined, name)) {
    return fail(
      ctx,
      `Error from server (AlreadyExists): ${kindInfo.group ? `${kindInfo.plural}.${kindInfo.group}` : kindInfo.plural} "${name}" already exists`,
    );
  }
  if (kindInfo.namespaced) {
    const ns = c.get<Namespace>('namespaces', undefined, namespace);
    if (!ns) return fail(ctx, `Error from server (NotFound): namespaces "${namespace}" not found`);
    if (ns.status.phase === 'Terminating') {
      return fail(
        ctx,
        `Error from server (Forbidden): ${kindInfo.plural} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }

  let object: KubeObject;
  if (what === 'namespaces') {
    object = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(name, undefined, { 'kubernetes.io/metadata.name': name }),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    } as Namespace;
  } else if (what === 'deployments') {
    const image = flag(ctx, 'image');
    if (typeof image !== 'string') return fail(ctx, 'error: required flag(s) "image" not set');
    const replicasFlag = flag(ctx, 'replicas');
    const replicas = typeof replicasFlag === 'string' ? Number(replicasFlag) : 1;
    if (!Number.isInteger(replicas) || replicas < 0)
      return fail(ctx, `error: invalid argument "${String(replicasFlag)}" for "-r, --replicas" flag`);
    const port = flag(ctx, 'port');
    const containerName = image
      .replace(/[:@].*$/, '')
      .split('/')
      .at(-1)!
      .replace(/[^a-z0-9-]/g, '-');
    object = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { ...meta(name, namespace, { app: name }), generation: 1 },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            containers: [
              {
                name: containerName,
                image,
                imagePullPolicy:
                  image.endsWith(':latest') || !image.includes(':') ? 'Always' : 'IfNotPresent',
                ...(typeof port === 'string'
                  ? { ports: [{ containerPort: Number(port), protocol: 'TCP' as const }] }
                  : {}),
                resources: {},
                terminationMessagePath: '/dev/termination-log',
                terminationMessagePolicy: 'File',
              },
            ],
            serviceAccountName: 'default',
            restartPolicy: 'Always',
            terminationGracePeriodSeconds: 30,
            dnsPolicy: 'ClusterFirst',
            schedulerName: 'default-scheduler',
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {},
    } as Deployment;
  } else {
    const data = literals(ctx);
    if (typeof data === 'string') return fail(ctx, data);
    object =
      what === 'configmaps'
        ? ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, namespace), data } as ConfigMap)
        : ({
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: meta(name, namespace),
            type: 'Opaque',
            data: Object.fromEntries(
              Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
            ),
          } as Secret);
  }

  const ref = objectRef(kindInfo, name);
  const suffix = dryRun(ctx);
  if (suffix !== null) {
    ctx.io.out(`${ref} created${suffix}`);
    return { exitCode: 0 };
  }
  const snapshot = new SnapshotBuilder();
  const ns = kindInfo.namespaced ? namespace : '';
  snapshot.add(
    { type: 'remove', plural: kindInfo.plural, namespace: ns, name },
    {
      operation: 'delete',
      resource: kindInfo.singular,
      name,
      namespace: ns,
      description: `Delete ${kindInfo.singular} ${name}${ns ? ` in ${ns}` : ''}, which this command created`,
    },
  );
  if (object.kind === 'Deployment') {
    await settle(ctx, { stage: 'creating', targets: [refOf(object as Deployment)] }, () => {
      c.add(object);
      ctx.io.out(`${ref} created`);
    });
  } else {
    c.add(object);
    ctx.io.out(`${ref} created`);
    c.commit();
  }
  return { exitCode: 0, snapshot: snapshot.build() };
}
