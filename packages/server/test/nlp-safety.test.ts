import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyCommand, type SafetyLevel } from '../src/nlp/index.js';

const levelOf = (command: string) => classifyCommand(command).level;

function expectLevel(level: SafetyLevel, commands: string[]) {
  for (const command of commands) {
    it(`${level}: ${command}`, () => {
      const c = classifyCommand(command);
      assert.equal(c.level, level, `${command} → ${c.level}: ${c.reasons.join(' | ')}`);
      assert.equal(c.is_valid, true);
      assert.equal(c.blocked, false);
      assert.equal(c.requires_approval, level !== 'safe');
      assert.ok(c.reasons.length > 0, 'every result carries its reasons');
      assert.deepEqual(c.argv?.[0], 'kubectl');
    });
  }
}

function expectRefused(commands: string[], errorPattern?: RegExp) {
  for (const command of commands) {
    it(`refused: ${JSON.stringify(command)}`, () => {
      const c = classifyCommand(command);
      assert.equal(c.is_valid, false);
      assert.equal(c.blocked, true);
      assert.equal(c.level, 'dangerous');
      assert.equal(c.requires_approval, true);
      assert.equal(c.argv, null);
      assert.equal(c.impact, null);
      assert.ok(c.errors.length > 0);
      assert.ok(c.suggestions.length > 0);
      if (errorPattern) assert.match(c.errors.join(' '), errorPattern);
    });
  }
}

describe('classifyCommand: reads are safe', () => {
  expectLevel('safe', [
    'kubectl get pods -n prod',
    'kubectl get pods -A',
    'kubectl get pods -A -l app=web',
    'kubectl get deployment/api -n prod -o yaml',
    'kubectl describe pod/api-7c9f -n prod',
    'kubectl logs api-7c9f -n prod --tail=100',
    'kubectl logs deployment/web -n staging --tail=100 --follow --request-timeout=60s',
    'kubectl top pods -n prod --sort-by=memory',
    'kubectl top nodes',
    'kubectl explain deployments',
    'kubectl explain pods.spec.containers',
    'kubectl api-resources',
    'kubectl version',
    'kubectl cluster-info',
    'kubectl rollout status deployment/api -n prod',
    'kubectl rollout history deployment/api -n prod',
    'kubectl auth can-i delete pods -n prod',
    'kubectl events -n prod',
    'kubectl get events -n prod --sort-by=.lastTimestamp',
    'kubectl get nodes -o wide',
    'kubectl get secrets -n prod',
    'kubectl get secrets -n prod -o name',
    'kubectl describe secret db-password -n prod',
  ]);

  it('X8: kubectl get deploy -n platform is safe (the "rm" inside "platform" is not a verb)', () => {
    const c = classifyCommand('kubectl get deploy -n platform');
    assert.equal(c.level, 'safe');
    assert.equal(c.requires_approval, false);
    assert.deepEqual(c.warnings, []);
    assert.ok(!c.reasons.join(' ').includes('rm'));
  });
});

describe('classifyCommand: changes are warnings', () => {
  expectLevel('warning', [
    'kubectl scale deployment/api -n prod --replicas=3',
    'kubectl rollout restart deployment/web -n staging',
    'kubectl rollout undo deployment/api -n prod --to-revision=2',
    'kubectl rollout pause deployment/api -n prod',
    'kubectl rollout resume deployment/api -n prod',
    'kubectl label deployment/api team=payments -n prod',
    'kubectl annotate deployment/api owner=team-a -n prod',
    'kubectl create namespace feature-42',
    'kubectl create deployment web --image=nginx -n dev',
    'kubectl cordon worker-3',
    'kubectl uncordon worker-3',
    'kubectl apply -f deploy.yaml -n prod',
    'kubectl patch deployment api -n prod -p {"spec":{"replicas":2}}',
    'kubectl set image deployment/api api=nginx:1.27 -n prod',
    'kubectl expose deployment api --port=80 -n prod',
    'kubectl autoscale deployment api --min=2 --max=5 -n prod',
  ]);

  it('explains namespace creation and warns about scaling to zero', () => {
    assert.match(classifyCommand('kubectl create namespace x').reasons.join(' '), /Creates/);
    const zero = classifyCommand('kubectl scale deployment/api -n prod --replicas=0');
    assert.equal(zero.level, 'warning');
    assert.ok(zero.warnings.some((w) => /0 replicas/.test(w)));
  });

  it('warns when a change names no namespace', () => {
    const c = classifyCommand('kubectl scale deployment/api --replicas=2');
    assert.ok(c.warnings.some((w) => /No namespace/.test(w)));
  });

  it('lets annotation values hold any text, but not names or flags', () => {
    const c = classifyCommand("kubectl annotate pod/web 'note=café crème' -n prod");
    assert.equal(c.is_valid, true);
    assert.equal(c.level, 'warning');
  });
});

describe('classifyCommand: dangerous rules', () => {
  const cases: Array<[string, RegExp]> = [
    ['kubectl delete pod api-7c9f -n prod', /Deletes objects: deletions cannot be undone\./],
    ['kubectl delete namespace/prod', /Deletes objects/],
    ['kubectl drain worker-3 --ignore-daemonsets', /Evicts every pod/],
    ['kubectl rollout restart deployment/api -n prod --force', /--force/],
    ['kubectl scale deployment/api -n prod --replicas=1 --grace-period=0', /graceful termination/],
    ['kubectl label pods --all env=x -n prod', /--all/],
    ['kubectl label pods -A -l app=web tier=x', /across all namespaces/],
    ['kubectl rollout restart deployments -A', /every namespace/],
    ['kubectl rollout restart deployments -n dev', /every one of the deployments/],
    ['kubectl get pods -n kube-system', /Targets kube-system, where cluster components run\./],
    ['kubectl scale deployment/coredns -n kube-system --replicas=1', /kube-system/],
    ['kubectl describe namespace kube-system', /kube-system/],
    ['kubectl get roles -n prod', /RBAC/],
    ['kubectl create rolebinding admin --clusterrole=admin --user=eve -n prod', /RBAC/],
    ['kubectl delete clusterrolebinding/cluster-admin', /RBAC/],
    ['kubectl delete node worker-3', /nodes/],
    ['kubectl taint nodes worker-3 dedicated=db:NoSchedule', /taints/],
    ['kubectl label node/worker-1 disktype=ssd', /Changes nodes/],
    ['kubectl get secret db-password -n prod -o yaml', /secret values/],
    ['kubectl get secret db-password -n prod -o json', /secret values/],
    ["kubectl get secret db-password -n prod -o jsonpath='{.data.password}'", /secret values/],
    ["kubectl get secrets -n prod -o go-template='{{.data}}'", /secret values/],
    ['kubectl exec -it api-7c9f -n prod -- sh', /Runs a command inside a container/],
    ['kubectl cp prod/api-7c9f:/etc/passwd ./passwd', /Copies files/],
    ['kubectl attach api-7c9f -n prod', /Attaches/],
    ['kubectl port-forward svc/db 5432:5432 -n prod', /tunnel/],
    ['kubectl edit deployment api -n prod', /editor/],
    ['kubectl replace -f deploy.yaml', /Replaces whole objects/],
    ['kubectl get pods --as=system:admin', /Impersonates/],
    ['kubectl get pods --as-group=system:masters', /Impersonates/],
    ['kubectl get pods --kubeconfig=/tmp/other', /Overrides the cluster or credentials/],
    ['kubectl get pods --server=https://evil.example', /Overrides/],
    ['kubectl get pods --token=abc', /Overrides/],
    ['kubectl get pods --context=prod-admin', /Overrides/],
    ['kubectl krew install sniff', /not a kubectl verb this server knows/],
    ['kubectl sniff api-7c9f -n prod', /plugin/],
    ['kubectl get widgets -n prod', /does not know/],
    ['kubectl delete certificates.cert-manager.io/web -n prod', /Deletes objects/],
    ['kubectl get --raw /api/v1/namespaces/prod/secrets/db', /--raw/],
    ['kubectl create secret generic stolen --from-file=/etc/shadow -n prod', /files on the server host/],
    ['kubectl run shell --image=alpine -n prod', /arbitrary image/],
    ['kubectl rollout', /not a kubectl verb/],
  ];
  for (const [command, reason] of cases) {
    it(`dangerous: ${command}`, () => {
      const c = classifyCommand(command);
      assert.equal(c.level, 'dangerous', `${command}: ${c.reasons.join(' | ')}`);
      assert.equal(c.requires_approval, true);
      assert.match(c.reasons.join(' '), reason);
      assert.ok(c.warnings.length > 0, 'dangerous findings are also listed as warnings');
    });
  }

  it('takes the maximum over all rules and lists every reason, most severe first', () => {
    const c = classifyCommand('kubectl scale deployment/coredns -n kube-system --replicas=3');
    assert.equal(c.level, 'dangerous');
    assert.match(c.reasons[0]!, /kube-system/);
    assert.ok(c.reasons.some((r) => /replicas/.test(r)));
  });

  it('uncordon and cordon are the only node changes that stay warnings', () => {
    assert.equal(levelOf('kubectl cordon worker-1'), 'warning');
    assert.equal(levelOf('kubectl uncordon worker-1'), 'warning');
    assert.equal(levelOf('kubectl annotate node/worker-1 note=x'), 'dangerous');
    assert.equal(levelOf('kubectl patch node worker-1 -p {}'), 'dangerous');
  });

  it('reading nodes stays safe', () => {
    assert.equal(levelOf('kubectl describe node/worker-1'), 'safe');
    assert.equal(levelOf('kubectl top node worker-1'), 'safe');
  });
});

describe('classifyCommand: X8 coverage: everything that changes or escapes needs approval', () => {
  const mustApprove = [
    'kubectl delete pod x -n prod',
    'kubectl apply -f x.yaml',
    'kubectl patch deployment x -p {} -n prod',
    'kubectl scale deployment x --replicas=2 -n prod',
    'kubectl edit deployment x -n prod',
    'kubectl exec x -n prod -- id',
    'kubectl cp x:/tmp/a ./a -n prod',
    'kubectl drain worker-1',
    'kubectl cordon worker-1',
    'kubectl label pod x a=b -n prod',
    'kubectl get pods --as=admin',
    'kubectl get pods | sh',
    'kubectl get pods; kubectl delete ns prod',
    'kubectl get pods && kubectl delete ns prod',
    'kubectl get pods $(kubectl delete ns prod)',
    'kubectl get pods `id`',
    'kubectl frobnicate --all',
  ];
  for (const command of mustApprove) {
    it(`requires approval: ${command}`, () => {
      const c = classifyCommand(command);
      assert.equal(c.requires_approval, true);
      assert.notEqual(c.level, 'safe');
    });
  }
});

describe('classifyCommand: refusals', () => {
  expectRefused(
    [
      'kubectl get pods | grep api',
      'kubectl get pods; rm -rf /',
      'kubectl get pods && kubectl delete ns prod',
      'kubectl get pods $(whoami)',
      'kubectl get pods `id`',
      'kubectl get pods > /tmp/out',
    ],
    /Shell operators|substitution|not allowed/,
  );
  expectRefused(['rm -rf /', 'helm uninstall prod', 'sh -c "kubectl get pods"'], /Only kubectl/);
  expectRefused(['', '   '], /empty/);
  expectRefused(['kubectl'], /no kubectl verb/);

  it('X10: refuses bidi overrides and zero-width characters', () => {
    for (const ch of ['\u202e', '\u200b', '\u2066', '\ufeff']) {
      const c = classifyCommand(`kubectl get pods -n pro${ch}d`);
      assert.equal(c.is_valid, false);
      assert.equal(c.blocked, true);
      assert.match(c.errors[0]!, /invisible/);
    }
  });

  it('X10: refuses homoglyphs in verb, resource, flag and namespace positions', () => {
    const cyrillicE = '\u0435';
    const cyrillicO = '\u043e';
    for (const command of [
      `kubectl g${cyrillicE}t pods`,
      `kubectl d${cyrillicE}lete pod x -n prod`,
      `kubectl get p${cyrillicO}ds -n prod`,
      `kubectl get pods --n${cyrillicE}mespace=prod`,
      `kubectl get pods -n pr${cyrillicO}d`,
      'kubectl get pods \u2014n prod',
    ]) {
      const c = classifyCommand(command);
      assert.equal(c.is_valid, false, command);
      assert.equal(c.blocked, true, command);
      assert.equal(c.level, 'dangerous', command);
      assert.match(c.errors[0]!, /non-ASCII/, command);
    }
  });
});

describe('classifyCommand: impact', () => {
  it('describes one named object', () => {
    const c = classifyCommand('kubectl delete deployment/api -n prod');
    assert.deepEqual(c.impact, {
      verb: 'delete',
      resources: ['deployments'],
      names: ['api'],
      namespace: 'prod',
      scope: 'object',
      summary: 'delete deployments api in namespace prod',
    });
  });

  it('tells selector, namespace, all-namespaces and cluster scopes apart', () => {
    assert.equal(classifyCommand('kubectl delete pods -l app=web -n prod').impact?.scope, 'selector');
    assert.equal(classifyCommand('kubectl get pods -n prod').impact?.scope, 'namespace');
    assert.equal(classifyCommand('kubectl get pods -A').impact?.scope, 'all-namespaces');
    assert.equal(classifyCommand('kubectl get nodes').impact?.scope, 'cluster');
    assert.equal(classifyCommand('kubectl version').impact?.scope, 'cluster');
    assert.equal(
      classifyCommand('kubectl cordon worker-3').impact?.summary,
      'cordon nodes worker-3 cluster-wide',
    );
  });

  it('does not treat the verb of auth can-i as a resource kind', () => {
    const c = classifyCommand('kubectl auth can-i delete pods -n prod');
    assert.equal(c.level, 'safe');
    assert.deepEqual(c.impact?.resources, []);
  });

  it('reads -f as --filename except for logs, so file names are not taken for kinds', () => {
    assert.equal(levelOf('kubectl apply -f deploy.yaml -n prod'), 'warning');
    assert.deepEqual(classifyCommand('kubectl delete -f deploy.yaml -n prod').impact?.resources, []);
    assert.deepEqual(classifyCommand('kubectl apply -f deploy.yaml').argv, [
      'kubectl',
      'apply',
      '-f',
      'deploy.yaml',
    ]);
    assert.equal(levelOf('kubectl logs -f api-7c9f -n prod'), 'safe');
  });

  it('reads annotation keys with a prefix as key-values, not as TYPE/NAME', () => {
    const c = classifyCommand('kubectl annotate service/api prometheus.io/scrape=true -n prod');
    assert.equal(c.level, 'warning');
    assert.deepEqual(c.impact?.resources, ['services']);
  });

  it('flags flags it does not know without changing the level', () => {
    const c = classifyCommand('kubectl get pods -n prod --frobnicate');
    assert.equal(c.level, 'safe');
    assert.ok(c.warnings.some((w) => /--frobnicate/.test(w)));
  });
});
