/**
 * `kubectl label` and `kubectl annotate`: `key=value` sets, `key-` removes, an existing key needs
 * `--overwrite`; `--list` prints what is there. The previous labels go into the snapshot.
 */
import type { Labels } from '../model.js';
import { SnapshotBuilder } from '../snapshot.js';
import { boolFlag, dryRun, fail, type CommandContext, type CommandResult } from './context.js';
import { objectRef } from './errors.js';
import { isResult, resolveTargets } from './targets.js';

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

interface Update {
  readonly set: Map<string, string>;
  readonly remove: string[];
}

function parseUpdates(ctx: CommandContext, field: 'labels' | 'annotations'): Update | CommandResult {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const arg of ctx.parsed.extraArgs) {
    const eq = arg.indexOf('=');
    if (eq > 0) {
      const key = arg.slice(0, eq);
      const value = arg.slice(eq + 1);
      if (!LABEL_KEY.test(key))
        return fail(ctx, `error: invalid ${field === 'labels' ? 'label' : 'annotation'} spec: ${arg}`);
      if (field === 'labels' && (!LABEL_VALUE.test(value) || value.length > 63)) {
        return fail(
          ctx,
          `error: invalid label value: "${arg}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
        );
      }
      set.set(key, value);
    } else if (arg.endsWith('-') && arg.length > 1) remove.push(arg.slice(0, -1));
    else return fail(ctx, `error: invalid ${field === 'labels' ? 'label' : 'annotation'} spec: ${arg}`);
  }
  return { set, remove };
}

export function labelOrAnnotate(ctx: CommandContext, field: 'labels' | 'annotations'): CommandResult {
  const noun = field === 'labels' ? 'label' : 'annotation';
  const list = boolFlag(ctx, 'list');
  const updates = parseUpdates(ctx, field);
  if (isResult(updates)) return updates;
  if (!list && !updates.set.size && !updates.remove.length)
    return fail(ctx, `error: at least one ${noun} update is required`);
  const resolved = resolveTargets(ctx, field === 'labels' ? 'label' : 'annotate');
  if (isResult(resolved)) return resolved;
  if (list) {
    for (const { object } of resolved.objects) {
      const entries = Object.entries(object.metadata[field] ?? {});
      ctx.io.out(entries.map(([k, v]) => `${k}=${v}`).join('\n') || '');
    }
    return { exitCode: resolved.missing ? 1 : 0 };
  }
  const overwrite = boolFlag(ctx, 'overwrite');
  for (const { object } of resolved.objects) {
    const current = object.metadata[field] ?? {};
    for (const [key, value] of updates.set) {
      if (key in current && current[key] !== value && !overwrite) {
        return fail(ctx, `error: '${key}' already has a value (${current[key]}), and --overwrite is false`);
      }
    }
  }
  const suffix = dryRun(ctx);
  const snapshot = new SnapshotBuilder();
  for (const { kind, object } of resolved.objects) {
    const before: Labels | undefined = object.metadata[field];
    const next: Labels = { ...before };
    for (const key of updates.remove) {
      if (!(key in next)) ctx.io.err(`${noun} "${key}" not found.`);
      delete next[key];
    }
    for (const [key, value] of updates.set) next[key] = value;
    const changed =
      JSON.stringify(Object.entries(next).sort()) !== JSON.stringify(Object.entries(before ?? {}).sort());
    const ref = objectRef(kind, object.metadata.name);
    const verb = field === 'labels' ? (updates.set.size ? 'labeled' : 'unlabeled') : 'annotated';
    if (!changed && field === 'labels') {
      ctx.io.out(`${ref} not labeled${suffix ?? ''}`);
      continue;
    }
    if (suffix === null) {
      const { name } = object.metadata;
      const namespace = object.metadata.namespace ?? '';
      snapshot.add(
        {
          type: 'metadata',
          plural: kind.plural,
          namespace,
          name,
          field,
          value: before ? { ...before } : null,
        },
        {
          operation: field === 'labels' ? 'restore_labels' : 'restore_annotations',
          resource: kind.singular,
          name,
          namespace,
          description: `Restore the ${field} of ${kind.singular} ${name}${namespace ? ` in ${namespace}` : ''} to ${
            before && Object.keys(before).length
              ? Object.entries(before)
                  .map(([k, v]) => `${k}=${v}`)
                  .join(', ')
              : 'none'
          }`,
          data: { previous: before ?? {}, changed: [...updates.set.keys(), ...updates.remove] },
        },
      );
      if (Object.keys(next).length) object.metadata[field] = next;
      else delete object.metadata[field];
      ctx.cluster.update(object);
    }
    ctx.io.out(`${ref} ${verb}${suffix ?? ''}`);
  }
  ctx.cluster.commit();
  return { exitCode: resolved.missing ? 1 : 0, snapshot: snapshot.build() };
}
