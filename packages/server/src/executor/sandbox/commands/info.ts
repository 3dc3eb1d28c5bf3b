/** The informational verbs: version, cluster-info, api-resources, api-versions, config, auth can-i. */
import { RESOURCE_KINDS } from '../../../kubectl/index.js';
import { renderTable } from '../format/table.js';
import { toJson, toYaml } from '../format/yaml.js';
import { KUBERNETES_VERSION, SANDBOX_CLUSTER_NAME } from '../seed/index.js';
import { fail, type CommandContext, type CommandResult } from './context.js';

export const SANDBOX_CONTEXT = 'sandbox';
export const SANDBOX_SERVER = 'https://sandbox.k8s-chat.local:6443';

export function version(ctx: CommandContext): CommandResult {
  const info = {
    clientVersion: { major: '1', minor: '30', gitVersion: KUBERNETES_VERSION, platform: 'linux/amd64' },
    kustomizeVersion: 'v5.0.4-0.20230601165947-6ce0bf390ce3',
    serverVersion: { major: '1', minor: '30', gitVersion: KUBERNETES_VERSION, platform: 'linux/amd64' },
  };
  if (ctx.parsed.output === 'json') ctx.io.out(toJson(info));
  else if (ctx.parsed.output === 'yaml') ctx.io.out(toYaml(info));
  else {
    ctx.io.out(
      `Client Version: ${KUBERNETES_VERSION}\nKustomize Version: ${info.kustomizeVersion}\nServer Version: ${KUBERNETES_VERSION}`,
    );
  }
  return { exitCode: 0 };
}

export function clusterInfo(ctx: CommandContext): CommandResult {
  if (ctx.parsed.subcommand === 'dump' || ctx.parsed.names[0] === 'dump') {
    return fail(ctx, 'error: the sandbox cluster does not support "kubectl cluster-info dump"');
  }
  ctx.io.out(
    `Kubernetes control plane is running at ${SANDBOX_SERVER}\nCoreDNS is running at ${SANDBOX_SERVER}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.`,
  );
  return { exitCode: 0 };
}

export function apiResources(ctx: CommandContext): CommandResult {
  const rows = [...RESOURCE_KINDS]
    .sort((a, b) => a.plural.localeCompare(b.plural))
    .map((k) => [
      k.plural,
      k.shortNames.join(','),
      k.group ? `${k.group}/v1` : 'v1',
      String(k.namespaced),
      k.kind,
    ]);
  if (ctx.parsed.output === 'name')
    ctx.io.out(rows.map((r) => (r[2] === 'v1' ? r[0]! : `${r[0]}.${r[2]!.split('/')[0]}`)).join('\n'));
  else ctx.io.out(renderTable(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'], rows));
  return { exitCode: 0 };
}

export function apiVersions(ctx: CommandContext): CommandResult {
  const groups = new Set(RESOURCE_KINDS.map((k) => (k.group ? `${k.group}/v1` : 'v1')));
  ctx.io.out([...groups].sort().join('\n'));
  return { exitCode: 0 };
}

export function config(ctx: CommandContext): CommandResult {
  switch (ctx.parsed.subcommand) {
    case 'current-context':
      ctx.io.out(SANDBOX_CONTEXT);
      return { exitCode: 0 };
    case 'get-contexts':
      ctx.io.out(
        renderTable(
          ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'],
          [['*', SANDBOX_CONTEXT, SANDBOX_CLUSTER_NAME, 'sandbox-admin', '']],
        ),
      );
      return { exitCode: 0 };
    case 'get-clusters':
      ctx.io.out(`NAME\n${SANDBOX_CLUSTER_NAME}`);
      return { exitCode: 0 };
    case 'view':
      ctx.io.out(
        toYaml({
          apiVersion: 'v1',
          clusters: [
            {
              cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: SANDBOX_SERVER },
              name: SANDBOX_CLUSTER_NAME,
            },
          ],
          contexts: [
            { context: { cluster: SANDBOX_CLUSTER_NAME, user: 'sandbox-admin' }, name: SANDBOX_CONTEXT },
          ],
          'current-context': SANDBOX_CONTEXT,
          kind: 'Config',
          preferences: {},
          users: [
            {
              name: 'sandbox-admin',
              user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' },
            },
          ],
        }),
      );
      return { exitCode: 0 };
    default:
      return fail(
        ctx,
        `error: the sandbox cluster does not support "kubectl config ${ctx.parsed.subcommand ?? ''}"; switching contexts is done in the server configuration`.replace(
          ' ""',
          '',
        ),
      );
  }
}

export function auth(ctx: CommandContext): CommandResult {
  if (ctx.parsed.subcommand === 'can-i') {
    // The sandbox user is the cluster admin; the chat's own roles decide what may run.
    ctx.io.out('yes');
    return { exitCode: 0 };
  }
  if (ctx.parsed.subcommand === 'whoami') {
    ctx.io.out(
      renderTable(
        ['ATTRIBUTE', 'VALUE'],
        [
          ['Username', 'sandbox-admin'],
          ['Groups', '[system:masters system:authenticated]'],
        ],
      ),
    );
    return { exitCode: 0 };
  }
  return fail(ctx, `error: unknown command "${ctx.parsed.subcommand ?? ''}" for "kubectl auth"`);
}
