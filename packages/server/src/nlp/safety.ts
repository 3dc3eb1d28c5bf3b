import { SAFETY_LEVELS } from '@k8s-chat/contract';
import {
  isKnownFlag,
  parseCommandLine,
  parseKubectl,
  type CommandLineErrorCode,
  type ParsedKubectl,
} from '../kubectl/index.js';
import { describeImpact } from './impact.js';
import { runRules, type Finding } from './safety-rules.js';
import type { SafetyClassification, SafetyLevel } from './types.js';
import { verbRule } from './verbs.js';

/**
 * Decides how risky one kubectl command line is, from its parsed argv and never from substrings (a
 * substring check calls `kubectl get deploy -n platform` dangerous because it contains "rm"). Anything
 * that is not exactly one kubectl invocation is refused outright; everything else gets the highest level
 * any rule in `safety-rules.ts` reports, with the reasons that led there.
 */
export function classifyCommand(command: string): SafetyClassification {
  const line = parseCommandLine(command.trim());
  if (!line.ok) return refused(line.message, REFUSAL_SUGGESTIONS[line.code]);
  const argv = [...line.argv];
  const parsed = parseKubectl(argv);
  if (!parsed.verb)
    return refused(
      'The command has no kubectl verb.',
      'Say what kubectl should do, e.g. "kubectl get pods".',
    );
  const spoof = findNonAscii(parsed);
  if (spoof)
    return refused(spoof, 'Retype the command in plain ASCII; copy-pasted text can hide lookalike letters.');

  const findings = runRules(parsed);
  const level = findings.reduce<SafetyLevel>((max, f) => higher(max, f.level), 'safe');
  const ranked = [...findings].sort((a, b) => rank(b.level) - rank(a.level));
  const reasons = unique(ranked.map((f) => f.reason));
  const warnings = unique([
    ...ranked.filter((f) => f.level !== 'safe').map((f) => f.reason),
    ...findings.map((f) => f.warning),
    ...unknownFlagWarnings(parsed),
  ]);
  const rule = verbRule(parsed.verb, parsed.subcommand);
  return {
    level,
    is_valid: true,
    blocked: false,
    requires_approval: level !== 'safe',
    reasons,
    warnings,
    errors: [],
    suggestions: unique(findings.map((f: Finding) => f.suggestion)),
    argv,
    impact: describeImpact(parsed, rule?.noResources ?? false),
  };
}

/** Orders levels so that the maximum over rules is the verdict. */
export function higher(a: SafetyLevel, b: SafetyLevel): SafetyLevel {
  return rank(a) >= rank(b) ? a : b;
}

const rank = (level: SafetyLevel) => SAFETY_LEVELS.indexOf(level);

const REFUSAL_SUGGESTIONS: Record<CommandLineErrorCode, string> = {
  EMPTY_COMMAND: 'Type a kubectl command, e.g. "kubectl get pods".',
  NOT_KUBECTL: 'Only kubectl commands can run here.',
  SHELL_OPERATOR:
    'Run one kubectl command at a time; the chat shows the whole output, so pipes, redirections and substitutions are not needed.',
  UNTERMINATED_QUOTE: 'Close the quote.',
  INVISIBLE_CHARACTER: 'Retype the command: it contains a character that does not show on screen.',
  TOO_LONG: 'Shorten the command.',
};

function refused(message: string, suggestion: string): SafetyClassification {
  return {
    level: 'dangerous',
    is_valid: false,
    blocked: true,
    requires_approval: true,
    reasons: [`Refused: ${message}`],
    warnings: [],
    errors: [message],
    suggestions: [suggestion],
    argv: null,
    impact: null,
  };
}

/**
 * Kubernetes names, label keys and values, kinds, verbs and flags are ASCII-only, so a non-ASCII
 * character in any of them is either a typo or a lookalike (Cyrillic "о" for Latin "o", an em dash for
 * "--") that makes the command read differently from what runs. Annotation values and the command after
 * `--` may legitimately hold any text, so they are not checked.
 */
function findNonAscii(parsed: ParsedKubectl): string | null {
  const annotationValues = new Set(parsed.verb === 'annotate' ? parsed.extraArgs : []);
  for (const word of parsed.argv.slice(1)) {
    if (word === '--') break;
    const checked = annotationValues.has(word) ? word.slice(0, word.indexOf('=') + 1 || undefined) : word;
    const bad = /[^\x20-\x7e]/u.exec(checked);
    if (bad) {
      const hex = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      return `"${word}" contains the non-ASCII character "${bad[0]}" (U+${hex}), which may be a lookalike of a different letter.`;
    }
  }
  return null;
}

/** Flags this project knows are harmless even though the parser does not list them. */
const HARMLESS_FLAGS = new Set([
  'request-timeout',
  'all-containers',
  'show-kind',
  'v',
  'help',
  'h',
  'watch-only',
]);

function unknownFlagWarnings(parsed: ParsedKubectl): string[] {
  return [...parsed.flags.keys()]
    .filter((name) => !isKnownFlag(name) && !HARMLESS_FLAGS.has(name) && name.length > 1)
    .map((name) => `The flag --${name} is not one this server recognises; check what it does.`);
}

function unique(items: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(items.filter((s): s is string => Boolean(s)))];
}
