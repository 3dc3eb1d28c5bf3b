/** Day zero: three nodes, the default and kube-system namespaces, DNS, kube-proxy and metrics-server. */
import type { Cluster } from '../cluster.js';
import type { DaemonSet, Volume } from '../model.js';
import {
  KUBERNETES_VERSION,
  configMap,
  container,
  deployment,
  meta,
  namespace,
  node,
  service,
  template,
} from './builders.js';

export function addSystem(c: Cluster): void {
  for (let i = 0; i < 3; i++) c.add(node(i, c));
  for (const name of ['default', 'kube-system']) c.add(namespace(name));
  c.add(
    service(
      'default',
      'kubernetes',
      '10.96.0.1',
      [{ name: 'https', port: 443, targetPort: 6443, protocol: 'TCP' }],
      undefined,
      {
        component: 'apiserver',
        provider: 'kubernetes',
      },
    ),
  );
  for (const sa of ['coredns', 'kube-proxy', 'metrics-server']) {
    c.add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(sa, 'kube-system') });
  }
  const coreDnsVolumes: Volume[] = [
    { name: 'config-volume', configMap: { name: 'coredns', defaultMode: 420 } },
  ];
  const coredns = deployment(
    'kube-system',
    'coredns',
    2,
    template(
      { 'k8s-app': 'kube-dns' },
      [
        container('coredns', 'registry.k8s.io/coredns/coredns:v1.11.1', {
          args: ['-conf', '/etc/coredns/Corefile'],
          port: 53,
          portName: 'dns',
          protocol: 'UDP',
          requests: ['100m', '70Mi'],
          limits: ['', '170Mi'],
          mounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
        }),
      ],
      {
        serviceAccountName: 'coredns',
        dnsPolicy: 'Default',
        priorityClassName: 'system-cluster-critical',
        priority: 2000000000,
        volumes: coreDnsVolumes,
      },
    ),
    { 'k8s-app': 'kube-dns' },
  );
  coredns.spec.selector = { matchLabels: { 'k8s-app': 'kube-dns' } };
  delete coredns.spec.template.spec.containers[0]!.resources.limits!.cpu;
  coredns.spec.template.spec.containers[0]!.ports!.push(
    { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
  );
  c.add(coredns);
  const metricsServer = deployment(
    'kube-system',
    'metrics-server',
    1,
    template(
      { 'k8s-app': 'metrics-server' },
      [
        container('metrics-server', 'registry.k8s.io/metrics-server/metrics-server:v0.7.1', {
          args: [
            '--cert-dir=/tmp',
            '--secure-port=10250',
            '--kubelet-preferred-address-types=InternalIP',
            '--metric-resolution=15s',
          ],
          port: 10250,
          portName: 'https',
          requests: ['100m', '200Mi'],
          mounts: [{ name: 'tmp-dir', mountPath: '/tmp' }],
        }),
      ],
      {
        serviceAccountName: 'metrics-server',
        priorityClassName: 'system-cluster-critical',
        priority: 2000000000,
        volumes: [{ name: 'tmp-dir', emptyDir: {} }],
      },
    ),
    { 'k8s-app': 'metrics-server' },
  );
  metricsServer.spec.selector = { matchLabels: { 'k8s-app': 'metrics-server' } };
  c.add(metricsServer);
  c.add<DaemonSet>({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { ...meta('kube-proxy', 'kube-system', { 'k8s-app': 'kube-proxy' }), generation: 1 },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: template(
        { 'k8s-app': 'kube-proxy' },
        [
          container('kube-proxy', `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`, {
            args: ['--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
            requests: ['100m', '50Mi'],
            mounts: [
              { name: 'kube-proxy', mountPath: '/var/lib/kube-proxy' },
              { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
            ],
          }),
        ],
        {
          serviceAccountName: 'kube-proxy',
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          priority: 2000001000,
          volumes: [
            { name: 'kube-proxy', configMap: { name: 'kube-proxy', defaultMode: 420 } },
            { name: 'lib-modules', hostPath: { path: '/lib/modules', type: '' } },
          ],
        },
      ),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: {},
  });
  c.add(
    configMap('kube-system', 'coredns', {
      Corefile: [
        '.:53 {',
        '    errors',
        '    health {',
        '       lameduck 5s',
        '    }',
        '    ready',
        '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
        '       pods insecure',
        '       fallthrough in-addr.arpa ip6.arpa',
        '       ttl 30',
        '    }',
        '    prometheus :9153',
        '    forward . /etc/resolv.conf {',
        '       max_concurrent 1000',
        '    }',
        '    cache 30',
        '    loop',
        '    reload',
        '    loadbalance',
        '}',
        '',
      ].join('\n'),
    }),
  );
  c.add(
    configMap('kube-system', 'kube-proxy', {
      'config.conf':
        'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\nclusterCIDR: 10.244.0.0/16\n',
    }),
  );
  c.add(
    service(
      'kube-system',
      'kube-dns',
      '10.96.0.10',
      [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      ],
      { 'k8s-app': 'kube-dns' },
      { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    ),
  );
  c.add(
    service(
      'kube-system',
      'metrics-server',
      '10.96.148.21',
      [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }],
      {
        'k8s-app': 'metrics-server',
      },
      { 'k8s-app': 'metrics-server' },
    ),
  );
}
