import type { ParsedKubectl } from '../../../kubectl/index.js';
import type { RollbackSnapshot } from '../../types.js';
import type { Cluster } from '../cluster.js';
import type { RunIO } from '../run-io.js';

/** What a verb handler gets: the cluster, the command as kubectl reads it, and the run's output. */
export interface CommandContext {
  readonly cluster: Cluster;
  readonly parsed: ParsedKubectl;
  readonly io: RunIO;
}

export interface CommandResult {
  readonly exitCode: number;
  readonly snapshot?: RollbackSnapshot | null;
}

export type CommandHandler = (ctx: CommandContext) => Promise<CommandResult> | CommandResult;

/** Prints a kubectl-style error and fails. */
export function fail(
  ctx: CommandContext,
  message: string,
  snapshot?: RollbackSnapshot | null,
): CommandResult {
  ctx.io.err(message);
  return { exitCode: 1, ...(snapshot !== undefined ? { snapshot } : {}) };
}

/** The namespace a command works in: `-n`, else `default` (the sandbox context's namespace). */
export function namespaceOf(ctx: CommandContext): string {
  return ctx.parsed.namespace ?? 'default';
}

export function flag(ctx: CommandContext, name: string): string | true | undefined {
  return ctx.parsed.flags.get(name);
}

export function boolFlag(ctx: CommandContext, name: string): boolean {
  const value = ctx.parsed.flags.get(name);
  return value === true || value === 'true';
}

/** `--dry-run`, `--dry-run=client`, `--dry-run=server`: the suffix kubectl prints, or null. */
export function dryRun(ctx: CommandContext): string | null {
  const value = ctx.parsed.flags.get('dry-run');
  if (value === undefined || value === 'none' || value === 'false') return null;
  return value === 'server' ? ' (server dry run)' : ' (dry run)';
}

/** Every value of a repeatable flag (`--from-literal a=1 --from-literal b=2`); the parser keeps only the last. */
export function repeatedFlag(ctx: CommandContext, name: string): string[] {
  const values: string[] = [];
  const argv = ctx.parsed.argv;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
    else if (arg === `--${name}` && i + 1 < argv.length) values.push(argv[++i]!);
  }
  return values;
}
