/** The shop the seed runs: api, web, worker, postgres and their services, config and secrets. */
import type { Cluster } from '../cluster.js';
import type { CronJob, Deployment, Ingress, PodTemplate, Secret, Service, StatefulSet } from '../model.js';
import { configMap, container, deployment, meta, namespace, secret, service, template } from './builders.js';

export function apiTemplate(image: string, env: 'prod' | 'staging'): PodTemplate {
  return template(
    { app: 'api', tier: 'backend' },
    [
      container('api', image, {
        port: 8080,
        portName: 'http',
        requests: env === 'prod' ? ['100m', '128Mi'] : ['50m', '96Mi'],
        limits: ['500m', '512Mi'],
        env: { LOG_LEVEL: env === 'prod' ? 'info' : 'debug', PORT: '8080', DB_HOST: 'postgres' },
        envFrom: [
          { name: 'DB_PASSWORD', secret: 'db-credentials', key: 'password' },
          { name: 'PAYMENTS_API_KEY', secret: 'api-tokens', key: 'payments-api-key' },
        ],
        mounts: [{ name: 'config', mountPath: '/etc/api', readOnly: true }],
      }),
    ],
    { volumes: [{ name: 'config', configMap: { name: 'api-config', defaultMode: 420 } }] },
  );
}

export function webTemplate(image: string, env: 'prod' | 'staging'): PodTemplate {
  return template({ app: 'web', tier: 'frontend' }, [
    container('web', image, {
      port: 8080,
      portName: 'http',
      requests: env === 'prod' ? ['50m', '64Mi'] : ['25m', '64Mi'],
      limits: ['250m', '256Mi'],
      env: { API_URL: 'http://api', NODE_ENV: 'production' },
    }),
    container('log-shipper', 'fluent/fluent-bit:3.0.7', {
      requests: ['10m', '32Mi'],
      limits: ['100m', '64Mi'],
    }),
  ]);
}

export function workerTemplate(image: string, env: 'prod' | 'staging'): PodTemplate {
  return template({ app: 'worker', tier: 'backend' }, [
    container('worker', image, {
      requests: env === 'prod' ? ['200m', '256Mi'] : ['100m', '128Mi'],
      limits: ['1', env === 'prod' ? '512Mi' : '256Mi'],
      env: { QUEUE_URL: 'redis://redis:6379/0', CONCURRENCY: env === 'prod' ? '8' : '2' },
      envFrom: [{ name: 'DB_PASSWORD', secret: 'db-credentials', key: 'password' }],
    }),
  ]);
}

export function postgres(ns: string, storage: string): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { ...meta('postgres', ns, { app: 'postgres' }), generation: 1 },
    spec: {
      replicas: 1,
      serviceName: 'postgres',
      selector: { matchLabels: { app: 'postgres' } },
      template: template({ app: 'postgres' }, [
        container('postgres', 'postgres:16.3', {
          port: 5432,
          portName: 'postgres',
          requests: ['250m', '512Mi'],
          limits: ['1', '1Gi'],
          env: { PGDATA: '/var/lib/postgresql/data/pgdata', POSTGRES_DB: 'shop' },
          envFrom: [
            { name: 'POSTGRES_USER', secret: 'db-credentials', key: 'username' },
            { name: 'POSTGRES_PASSWORD', secret: 'db-credentials', key: 'password' },
          ],
          mounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
        }),
      ]),
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage } },
            storageClassName: 'standard',
            volumeMode: 'Filesystem',
          },
        },
      ],
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
    status: {},
  };
}

export function appSecrets(ns: string, c: Cluster): Secret[] {
  return [
    secret(ns, 'db-credentials', { username: 'shop', password: `${c.hex(12)}-${c.hex(8)}` }),
    secret(ns, 'api-tokens', {
      'payments-api-key': `sk_${ns === 'prod' ? 'live' : 'test'}_${c.hex(24)}`,
      'jwt-signing-key': c.hex(48),
    }),
  ];
}

export function appServices(ns: string, c: Cluster): Service[] {
  const ip = () => `10.96.${c.randomInt(1, 254)}.${c.randomInt(2, 254)}`;
  return [
    service(ns, 'api', ip(), [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], {
      app: 'api',
    }),
    service(ns, 'web', ip(), [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], {
      app: 'web',
    }),
    {
      ...service(
        ns,
        'postgres',
        'None',
        [{ name: 'postgres', port: 5432, targetPort: 5432, protocol: 'TCP' }],
        {
          app: 'postgres',
        },
      ),
    },
  ];
}

export function backupTemplate(): PodTemplate {
  const tpl = template({ app: 'nightly-backup' }, [
    container('backup', 'registry.example/pg-backup:1.4.0', {
      requests: ['100m', '128Mi'],
      limits: ['500m', '256Mi'],
      env: { PGHOST: 'postgres', BUCKET: 's3://shop-backups/prod' },
      envFrom: [{ name: 'PGPASSWORD', secret: 'db-credentials', key: 'password' }],
    }),
  ]);
  tpl.spec.restartPolicy = 'OnFailure';
  return tpl;
}

/** Day one: a hello-world in default, and the shop goes live in prod. Returns the backup CronJob. */
export function addProduction(c: Cluster, addDeployment: (dep: Deployment) => void): CronJob {
  c.add(namespace('prod'));
  addDeployment(
    deployment(
      'default',
      'hello',
      1,
      template({ app: 'hello' }, [
        container('hello', 'nginxdemos/hello:0.4-plain-text', {
          port: 80,
          requests: ['10m', '16Mi'],
          limits: ['100m', '64Mi'],
        }),
      ]),
    ),
  );
  c.add(
    service('default', 'hello', '10.96.77.12', [{ port: 80, targetPort: 80, protocol: 'TCP' }], {
      app: 'hello',
    }),
  );
  for (const s of appSecrets('prod', c)) c.add(s);
  c.add(
    secret(
      'prod',
      'web-tls',
      {
        'tls.crt':
          '-----BEGIN CERTIFICATE-----\nMIIFsandboxCertificateForShopExampleCom\n-----END CERTIFICATE-----\n',
        'tls.key':
          '-----BEGIN PRIVATE KEY-----\nMIIEsandboxPrivateKeyNotARealKey\n-----END PRIVATE KEY-----\n',
      },
      'kubernetes.io/tls',
    ),
  );
  c.add(
    configMap(
      'prod',
      'api-config',
      {
        'config.yaml':
          'server:\n  port: 8080\n  readTimeout: 15s\ndatabase:\n  host: postgres\n  pool: 20\nfeatures:\n  newCheckout: true\n',
        LOG_FORMAT: 'json',
      },
      { app: 'api' },
    ),
  );
  c.add(
    configMap(
      'prod',
      'worker-config',
      { QUEUES: 'emails,invoices,webhooks', MAX_RETRIES: '5' },
      { app: 'worker' },
    ),
  );
  for (const s of appServices('prod', c)) c.add(s);
  c.add<StatefulSet>(postgres('prod', '20Gi'));
  addDeployment(deployment('prod', 'api', 2, apiTemplate('registry.example/api:1.40.2', 'prod')));
  addDeployment(deployment('prod', 'web', 2, webTemplate('registry.example/web:3.7.0', 'prod')));
  addDeployment(deployment('prod', 'worker', 1, workerTemplate('registry.example/worker:2.3.1', 'prod')));
  c.add<Ingress>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('web', 'prod', { app: 'web' }, { 'cert-manager.io/cluster-issuer': 'letsencrypt' }),
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com'], secretName: 'web-tls' }],
      rules: [
        {
          host: 'shop.example.com',
          http: {
            paths: [
              {
                path: '/api',
                pathType: 'Prefix',
                backend: { service: { name: 'api', port: { number: 80 } } },
              },
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
            ],
          },
        },
      ],
    },
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } },
  });
  const cron = c.add<CronJob>({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { ...meta('nightly-backup', 'prod', { app: 'nightly-backup' }), generation: 1 },
    spec: {
      schedule: '0 2 * * *',
      suspend: false,
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: {},
        spec: { completions: 1, parallelism: 1, backoffLimit: 6, template: backupTemplate() },
      },
    },
    status: {},
  });
  return cron;
}

/** Staging, a smaller copy of prod that runs release candidates. */
export function addStaging(c: Cluster, addDeployment: (dep: Deployment) => void): void {
  c.add(namespace('staging'));
  for (const s of appSecrets('staging', c)) c.add(s);
  c.add(
    configMap(
      'staging',
      'api-config',
      {
        'config.yaml':
          'server:\n  port: 8080\ndatabase:\n  host: postgres\n  pool: 5\nfeatures:\n  newCheckout: true\n',
        LOG_FORMAT: 'json',
      },
      { app: 'api' },
    ),
  );
  for (const s of appServices('staging', c)) c.add(s);
  c.add<StatefulSet>(postgres('staging', '5Gi'));
  addDeployment(deployment('staging', 'api', 1, apiTemplate('registry.example/api:1.41.0-rc.2', 'staging')));
  addDeployment(deployment('staging', 'web', 1, webTemplate('registry.example/web:3.8.0-rc.1', 'staging')));
  addDeployment(
    deployment('staging', 'worker', 1, workerTemplate('registry.example/worker:2.3.4', 'staging')),
  );
}
