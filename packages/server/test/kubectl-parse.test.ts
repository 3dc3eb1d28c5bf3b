import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatCommandLine, parseCommandLine, parseKubectl } from '../src/kubectl/index.js';

const parse = (line: string) => {
  const result = parseCommandLine(line);
  assert.ok(result.ok, `expected ${line} to parse`);
  return parseKubectl(result.argv);
};

describe('parseCommandLine', () => {
  it('splits words and honours quotes', () => {
    const r = parseCommandLine(`kubectl annotate pod web "note=hello world" 'a=b'`);
    assert.ok(r.ok);
    assert.deepEqual(r.argv, ['kubectl', 'annotate', 'pod', 'web', 'note=hello world', 'a=b']);
  });

  for (const line of [
    'kubectl get pods | grep api',
    'kubectl get pods; rm -rf /',
    'kubectl get pods && kubectl delete ns prod',
    'kubectl get pods $(whoami)',
    'kubectl get pods `id`',
    'kubectl get pods > /tmp/x',
    'kubectl get pods "$HOME"',
    'kubectl get pods\nkubectl delete ns prod',
  ]) {
    it(`refuses shell syntax: ${JSON.stringify(line)}`, () => {
      const r = parseCommandLine(line);
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.code, 'SHELL_OPERATOR');
    });
  }

  it('X10: refuses bidi controls and zero-width characters', () => {
    for (const ch of ['\u202e', '\u200b', '\u2066', '\ufeff']) {
      const r = parseCommandLine(`kubectl get pods -n pro${ch}d`);
      assert.equal(!r.ok && r.code, 'INVISIBLE_CHARACTER');
    }
  });

  it('only runs kubectl', () => {
    const r = parseCommandLine('rm -rf /');
    assert.equal(!r.ok && r.code, 'NOT_KUBECTL');
  });

  it('formats argv back with quotes where needed', () => {
    assert.equal(
      formatCommandLine(['kubectl', 'annotate', 'pod', 'web', 'note=hi there']),
      "kubectl annotate pod web 'note=hi there'",
    );
  });
});

describe('parseKubectl', () => {
  it('reads verb, resource, name, namespace and flags', () => {
    const p = parse('kubectl scale deployment api -n prod --replicas=3');
    assert.equal(p.verb, 'scale');
    assert.equal(p.resources[0]?.plural, 'deployments');
    assert.deepEqual(p.names, ['api']);
    assert.equal(p.namespace, 'prod');
    assert.equal(p.flags.get('replicas'), '3');
  });

  it('reads TYPE/NAME, short names and two-word verbs', () => {
    const p = parse('kubectl rollout restart deploy/web --namespace staging');
    assert.equal(p.verb, 'rollout');
    assert.equal(p.subcommand, 'restart');
    assert.equal(p.resources[0]?.plural, 'deployments');
    assert.deepEqual(p.names, ['web']);
    assert.equal(p.namespace, 'staging');
  });

  it('does not mistake a namespace for a verb (-n platform is not rm)', () => {
    const p = parse('kubectl get deploy -n platform');
    assert.equal(p.verb, 'get');
    assert.equal(p.namespace, 'platform');
  });

  it('implies pods for logs and nodes for drain', () => {
    const logs = parse('kubectl logs api-7c9f -c app --tail=50 -n prod');
    assert.equal(logs.resources[0]?.plural, 'pods');
    assert.deepEqual(logs.names, ['api-7c9f']);
    assert.equal(logs.flags.get('container'), 'app');
    const drain = parse('kubectl drain node-1 --ignore-daemonsets --force');
    assert.equal(drain.resources[0]?.plural, 'nodes');
    assert.equal(drain.flags.get('force'), true);
  });

  it('reads label selectors, all namespaces, outputs, multiple kinds and `all`', () => {
    const p = parse('kubectl get pods,svc -A -l app=web -o wide');
    assert.deepEqual(
      p.resources.map((r) => r.plural),
      ['pods', 'services'],
    );
    assert.equal(p.allNamespaces, true);
    assert.equal(p.selector, 'app=web');
    assert.equal(p.output, 'wide');
    assert.equal(parse('kubectl get all -n prod').allResources, true);
  });

  it('separates label key-values from names', () => {
    const p = parse('kubectl label pods web-1 web-2 tier=frontend env-');
    assert.deepEqual(p.names, ['web-1', 'web-2']);
    assert.deepEqual(p.extraArgs, ['tier=frontend', 'env-']);
  });

  it('reads create namespace and top as resources', () => {
    const c = parse('kubectl create namespace team-a');
    assert.equal(c.resources[0]?.plural, 'namespaces');
    assert.deepEqual(c.names, ['team-a']);
    const t = parse('kubectl top pods -n prod');
    assert.equal(t.verb, 'top');
    assert.equal(t.resources[0]?.plural, 'pods');
  });

  it('keeps unknown kinds visible', () => {
    const p = parse('kubectl get widgets');
    assert.deepEqual(p.unknownResources, ['widgets']);
  });

  it('collects the exec command after --', () => {
    const p = parse('kubectl exec -it web-1 -- sh -c id');
    assert.deepEqual(p.afterDoubleDash, ['sh', '-c', 'id']);
  });
});

describe('parseKubectl flag meanings', () => {
  it('reads -f as --filename except for logs', () => {
    assert.equal(parse('kubectl apply -f deploy.yaml').flags.get('filename'), 'deploy.yaml');
    assert.deepEqual(parse('kubectl apply -f deploy.yaml').resources, []);
    assert.equal(parse('kubectl logs web-1 -f').flags.get('follow'), true);
  });

  it('keeps annotation keys with a slash as key-values, not TYPE/NAME', () => {
    const p = parse('kubectl annotate deploy/web prometheus.io/scrape=true');
    assert.deepEqual(p.names, ['web']);
    assert.deepEqual(p.unknownResources, []);
    assert.deepEqual(p.extraArgs, ['prometheus.io/scrape=true']);
  });
});
