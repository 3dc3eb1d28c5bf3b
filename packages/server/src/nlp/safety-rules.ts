import { RBAC_PLURALS, type ParsedKubectl } from '../kubectl/index.js';
import type { SafetyLevel } from './types.js';
import { verbRule, type VerbRule } from './verbs.js';

/**
 * The rules that decide a command's safety level. Each looks at the parsed command and reports what it
 * found; the classifier takes the highest level reported. Rules are independent on purpose: adding one
 * can only raise a level, never lower what another rule decided.
 */
export interface Finding {
  readonly level: SafetyLevel;
  /** A sentence for people, shown as the reason for the level. */
  readonly reason: string;
  /** Something to double-check that does not by itself set the level. */
  readonly warning?: string;
  readonly suggestion?: string;
}

/** What every rule gets: the parsed command and the verb's own rule (undefined when unknown). */
export interface RuleInput {
  readonly parsed: ParsedKubectl;
  readonly verbRule: VerbRule | undefined;
  /** True when the verb changes something (or is unknown, so might). */
  readonly mutating: boolean;
}

export type Rule = (input: RuleInput) => Finding[];

const dangerous = (reason: string, suggestion?: string): Finding => ({
  level: 'dangerous',
  reason,
  suggestion,
});

/** Flags that change who kubectl talks to or as whom, so the reviewed command is not what would run. */
const IDENTITY_FLAGS = [
  'as',
  'as-group',
  'as-uid',
  'kubeconfig',
  'server',
  's',
  'token',
  'context',
  'cluster',
  'user',
  'username',
  'password',
  'certificate-authority',
  'client-certificate',
  'client-key',
  'insecure-skip-tls-verify',
  'tls-server-name',
];

/** Flags that read or write files on the machine kubectl runs on (the server, not the cluster). */
const HOST_FILE_FLAGS = ['from-file', 'from-env-file', 'log-file', 'output-directory', 'cache-dir'];

/** Output formats that print a secret's data; `wide` and `name` print only metadata. */
const SECRET_SAFE_OUTPUTS = new Set(['wide', 'name']);

/** Verbs that change objects one by one and, given a kind but no names or selector, change all of them. */
const BULK_VERBS = new Set(['scale', 'rollout', 'label', 'annotate', 'set', 'patch', 'cordon', 'uncordon']);

const PROTECTED_NAMESPACE = 'kube-system';

const verbOf = ({ parsed }: RuleInput) => [parsed.verb, parsed.subcommand].filter(Boolean).join(' ');

export const RULES: readonly Rule[] = [
  function verbLevel(input) {
    const { parsed, verbRule: rule } = input;
    if (rule) return [{ level: rule.level, reason: rule.reason }];
    return [
      dangerous(
        `"${verbOf(input)}" is not a kubectl verb this server knows (a plugin or a newer verb), so its effect cannot be checked.`,
        parsed.verb === 'rollout' || parsed.verb === 'auth'
          ? `Name a subcommand, e.g. "kubectl ${parsed.verb} status".`
          : undefined,
      ),
    ];
  },

  function unknownKinds({ parsed, verbRule: rule }) {
    if (rule?.noResources || parsed.unknownResources.length === 0) return [];
    const kinds = parsed.unknownResources.map((k) => `"${k}"`).join(', ');
    return [
      dangerous(
        `Names resource kinds this server does not know (${kinds}): custom resources are not checked.`,
      ),
    ];
  },

  function force({ parsed }) {
    const out: Finding[] = [];
    if (parsed.flags.has('force') && parsed.flags.get('force') !== 'false') {
      out.push(
        dangerous('Uses --force, which skips the usual safety checks.', 'Try again without --force first.'),
      );
    }
    const grace = parsed.flags.get('grace-period');
    if (grace === '0' || parsed.flags.has('now')) {
      out.push(dangerous('Skips graceful termination, so pods get no time to shut down cleanly.'));
    }
    return out;
  },

  function everything({ parsed, mutating }) {
    const out: Finding[] = [];
    if (parsed.flags.has('all') && parsed.flags.get('all') !== 'false') {
      out.push(dangerous('Uses --all, which acts on every object of the kind in the namespace.'));
    }
    if (mutating && parsed.allResources) {
      out.push(dangerous('Acts on "all": every workload kind in the namespace at once.'));
    }
    return out;
  },

  function bulk({ parsed, mutating }) {
    if (!mutating || !parsed.verb || !BULK_VERBS.has(parsed.verb)) return [];
    if (parsed.names.length > 0 || parsed.selector || parsed.flags.has('field-selector')) return [];
    if (parsed.resources.length === 0 || parsed.flags.has('all') || parsed.flags.has('filename')) return [];
    const kinds = parsed.resources.map((r) => r.plural).join(', ');
    return [
      dangerous(
        `Names no object, so it changes every one of the ${kinds} in scope.`,
        'Name the object to change.',
      ),
    ];
  },

  function acrossNamespaces({ parsed, mutating }) {
    if (!mutating || !parsed.allNamespaces) return [];
    if (parsed.selector) {
      return [dangerous(`Applies the label selector "${parsed.selector}" across all namespaces.`)];
    }
    return [dangerous('Changes objects in every namespace.')];
  },

  function kubeSystem({ parsed }) {
    const named =
      parsed.resources.some((r) => r.plural === 'namespaces') && parsed.names.includes(PROTECTED_NAMESPACE);
    if (parsed.namespace !== PROTECTED_NAMESPACE && !named) return [];
    return [dangerous('Targets kube-system, where cluster components run.')];
  },

  function rbac({ parsed, mutating }) {
    const kinds = parsed.resources.filter((r) => RBAC_PLURALS.has(r.plural)).map((r) => r.plural);
    if (kinds.length === 0) return [];
    return [
      dangerous(
        mutating
          ? `Changes RBAC objects (${kinds.join(', ')}), which decide who may do what.`
          : `Touches RBAC objects (${kinds.join(', ')}), which decide who may do what.`,
      ),
    ];
  },

  function nodes({ parsed, mutating }) {
    if (!mutating || !parsed.resources.some((r) => r.plural === 'nodes')) return [];
    if (parsed.verb === 'cordon' || parsed.verb === 'uncordon') return [];
    return [dangerous('Changes nodes, which affects every pod running on them.')];
  },

  function secretValues({ parsed }) {
    if (parsed.verb !== 'get' || !parsed.resources.some((r) => r.plural === 'secrets')) return [];
    const printsData =
      (parsed.output !== null && !SECRET_SAFE_OUTPUTS.has(parsed.output)) || parsed.flags.has('template');
    if (!printsData) return [];
    return [
      dangerous(
        `Prints secret values (-o ${parsed.output ?? 'template'}).`,
        'Use "kubectl describe secret NAME" to see the keys without their values.',
      ),
    ];
  },

  function rawApi({ parsed }) {
    if (!parsed.flags.has('raw')) return [];
    return [dangerous('Uses --raw, which reads any API path and bypasses the kind checks.')];
  },

  function identity({ parsed }) {
    const used = IDENTITY_FLAGS.filter((f) => parsed.flags.has(f));
    if (used.length === 0) return [];
    const list = used.map((f) => (f.length === 1 ? `-${f}` : `--${f}`)).join(', ');
    const impersonates = used.some((f) => f.startsWith('as'));
    return [
      dangerous(
        impersonates
          ? `Impersonates another identity (${list}).`
          : `Overrides the cluster or credentials kubectl uses (${list}).`,
        'Run the command as yourself, against the configured cluster.',
      ),
    ];
  },

  function hostFiles({ parsed }) {
    const used = HOST_FILE_FLAGS.filter((f) => parsed.flags.has(f));
    if (used.length === 0) return [];
    return [dangerous(`Reads or writes files on the server host (${used.map((f) => `--${f}`).join(', ')}).`)];
  },

  function cautions({ parsed, mutating }) {
    const out: Finding[] = [];
    if (parsed.verb === 'scale' && parsed.flags.get('replicas') === '0') {
      out.push({
        level: 'safe',
        reason: '',
        warning: 'Scaling to 0 replicas stops every pod of the workload.',
      });
    }
    const clusterScoped = parsed.resources.length > 0 && parsed.resources.every((r) => !r.namespaced);
    if (
      mutating &&
      !parsed.namespace &&
      !parsed.allNamespaces &&
      !clusterScoped &&
      parsed.resources.length > 0
    ) {
      out.push({
        level: 'safe',
        reason: '',
        warning: 'No namespace given: it runs in the default namespace of the current context.',
      });
    }
    if (mutating && parsed.verb !== 'delete' && !parsed.flags.has('dry-run')) {
      out.push({
        level: 'safe',
        reason: '',
        suggestion: 'Add --dry-run=server to preview the change without making it.',
      });
    }
    if (parsed.verb === 'delete' && !parsed.flags.has('dry-run')) {
      out.push({
        level: 'safe',
        reason: '',
        suggestion: 'Run it with --dry-run=server first to see what would be deleted.',
      });
    }
    return out;
  },
];

/** Runs every rule. */
export function runRules(parsed: ParsedKubectl): Finding[] {
  const rule = parsed.verb ? verbRule(parsed.verb, parsed.subcommand) : undefined;
  const input: RuleInput = { parsed, verbRule: rule, mutating: !rule?.readOnly };
  return RULES.flatMap((r) => r(input));
}
