/** Dispatches a parsed kubectl command to its verb. */
import { resolveResource } from '../../../kubectl/index.js';
import { fail, type CommandContext, type CommandHandler, type CommandResult } from './context.js';
import { create } from './create.js';
import { del } from './delete.js';
import { describe } from './describe.js';
import { get } from './get.js';
import { SANDBOX_CONTEXT, apiResources, apiVersions, auth, clusterInfo, config, version } from './info.js';
import { labelOrAnnotate } from './label.js';
import { logs } from './logs.js';
import { cordon, drain } from './nodes.js';
import { rollout } from './rollout.js';
import { scale } from './scale.js';
import { setImage } from './set-image.js';
import { top } from './top.js';

const HANDLERS: Record<string, CommandHandler> = {
  get,
  describe,
  logs,
  scale,
  rollout,
  delete: del,
  cordon: (ctx) => cordon(ctx, true),
  uncordon: (ctx) => cordon(ctx, false),
  drain,
  top,
  label: (ctx) => labelOrAnnotate(ctx, 'labels'),
  annotate: (ctx) => labelOrAnnotate(ctx, 'annotations'),
  create,
  set: setImage,
  version,
  'cluster-info': clusterInfo,
  'api-resources': apiResources,
  'api-versions': apiVersions,
  config,
  auth,
  // `kubectl events` is `get events` with kubectl's newer table.
  events: (ctx) => get({ ...ctx, parsed: { ...ctx.parsed, resources: [resolveResource('events')!] } }),
};

/** Real kubectl verbs the sandbox does not simulate. */
const KUBECTL_VERBS = new Set([
  'apply',
  'attach',
  'autoscale',
  'certificate',
  'completion',
  'cp',
  'debug',
  'diff',
  'edit',
  'exec',
  'explain',
  'expose',
  'kustomize',
  'patch',
  'plugin',
  'port-forward',
  'proxy',
  'replace',
  'run',
  'taint',
  'wait',
  'help',
  'alpha',
]);

export const SUPPORTED_VERBS: readonly string[] = Object.keys(HANDLERS);

export async function runCommand(ctx: CommandContext): Promise<CommandResult> {
  const verb = ctx.parsed.verb;
  if (!verb) return fail(ctx, 'error: You must specify a kubectl command, for example "kubectl get pods".');
  // The sandbox is one cluster behind one context; naming another must not quietly run here.
  const context = ctx.parsed.flags.get('context');
  if (typeof context === 'string' && context !== SANDBOX_CONTEXT) {
    return fail(ctx, `error: context was not found for specified context: ${context}`);
  }
  const handler = HANDLERS[verb];
  if (handler) return handler(ctx);
  if (KUBECTL_VERBS.has(verb)) {
    return fail(
      ctx,
      `error: the sandbox cluster does not support "kubectl ${verb}"; it supports ${SUPPORTED_VERBS.filter((v) => !['api-versions', 'auth', 'config', 'events'].includes(v)).join(', ')}`,
    );
  }
  return fail(ctx, `error: unknown command "${verb}" for "kubectl"`);
}
