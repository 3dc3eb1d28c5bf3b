// Deterministic chat histories shared by both sides of the render benchmarks. Plain ESM with no imports so
// the page loads it straight from the static server. Assistant messages carry the Markdown a KubeChat
// answer really has: headings, lists, inline code, links, tables and fenced kubectl / YAML / JSON blocks.

const NAMESPACES = ['prod', 'staging', 'default', 'monitoring', 'ingress'];
const APPS = ['api', 'web', 'worker', 'payments', 'search', 'auth'];

const QUESTIONS = [
  (i, ns, app) => `Why is the ${app} deployment in ${ns} restarting? (#${i})`,
  (i, ns) => `List the pods in ${ns} that are not running, ticket ${i}`,
  (i, ns, app) => `Scale deployment ${app} in ${ns} to ${(i % 5) + 2} replicas`,
  (i, ns, app) => `Show the last 50 log lines of ${app} in ${ns} (request ${i})`,
];

const ANSWERS = [
  (i, ns, app) =>
    [
      `## Pods that are not running in \`${ns}\``,
      `Two pods of **${app}** are crash-looping (check ${i}). See the [runbook](https://runbooks.example.test/crashloop).`,
      '```kubectl',
      `kubectl get pods -n ${ns} --field-selector=status.phase!=Running -o wide`,
      '```',
      '| pod | restarts | age |',
      '| --- | --- | --- |',
      `| ${app}-7d9f${i % 10}-x2 | ${i % 17} | 3h |`,
      `| ${app}-7d9f${i % 10}-k8 | ${(i * 3) % 19} | 3h |`,
    ].join('\n'),
  (i, ns, app) =>
    [
      `The deployment **${app}** in \`${ns}\` has ${(i % 4) + 1} replicas. This is its spec:`,
      '```yaml',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${app} # generation ${i}`,
      `  namespace: ${ns}`,
      'spec:',
      `  replicas: ${(i % 4) + 1}`,
      '  template:',
      '    spec:',
      '      containers:',
      `        - name: ${app}`,
      `          image: registry.example.test/${app}:1.${i % 30}.0`,
      '```',
      `Scaling it needs *approval*; run \`kubectl scale deployment ${app} -n ${ns} --replicas=3\` after review.`,
    ].join('\n'),
  (i, ns, app) =>
    [
      `Here is what I found for request ${i}:`,
      '',
      `1. \`${app}\` was restarted **${i % 9} times** in the last hour`,
      `2. the liveness probe on \`/healthz\` times out after 1s`,
      '3. memory is close to the limit:',
      '',
      '```json',
      `{"pod": "${app}-${i}", "namespace": "${ns}", "ready": false, "restarts": ${i % 13}, "memory": "498Mi"}`,
      '```',
      '',
      '> Raising the limit to `768Mi` usually stops the restarts.',
    ].join('\n'),
  (i, ns, app) =>
    `All **${(i % 7) + 3}** pods of \`${app}\` in \`${ns}\` are running and ready. Nothing to do (check ${i}).`,
];

/** `count` alternating user / assistant messages, oldest first, as neutral `{ id, role, text, createdAt }`. */
export function makeHistory(count, prefix = 'm') {
  const start = Date.UTC(2026, 10, 1, 8, 0, 0);
  return Array.from({ length: count }, (_, i) => {
    const turn = i >> 1;
    const ns = NAMESPACES[turn % NAMESPACES.length];
    const app = APPS[(turn >> 1) % APPS.length];
    const assistant = i % 2 === 1;
    const templates = assistant ? ANSWERS : QUESTIONS;
    return {
      id: `${prefix}${i + 1}`,
      role: assistant ? 'assistant' : 'user',
      text: templates[turn % templates.length](i + 1, ns, app),
      createdAt: new Date(start + i * 30_000).toISOString(),
    };
  });
}

/** The history as `<k8s-chat>`'s `messages` property takes it. */
export const toK8sChat = (history) =>
  history.map((m) => ({ id: m.id, role: m.role, content: m.text, createdAt: m.createdAt }));

/** The history as Deep Chat's `history` property takes it. */
export const toDeepChat = (history) =>
  history.map((m) => ({ role: m.role === 'assistant' ? 'ai' : 'user', text: m.text }));
