import type { ConversationContext, SafetyLevel } from '@k8s-chat/contract';

export type { ConversationContext, SafetyLevel };

/** How far a command reaches, from one named object to the whole cluster. */
export type ImpactScope = 'object' | 'selector' | 'namespace' | 'all-namespaces' | 'cluster';

/** What a command touches, read from its parsed argv. */
export interface CommandImpact {
  readonly verb: string | null;
  /** Canonical plurals of the kinds named (unknown kinds verbatim, `all` for `get all`). */
  readonly resources: string[];
  readonly names: string[];
  /** `-n` as given; null when the command relies on the kubeconfig default or is cluster-scoped. */
  readonly namespace: string | null;
  readonly scope: ImpactScope;
  /** One line for people: "delete deployment api in namespace prod". */
  readonly summary: string;
}

/** The server's verdict on one command line. */
export interface SafetyClassification {
  readonly level: SafetyLevel;
  /** False when the text is not exactly one well-formed kubectl invocation. */
  readonly is_valid: boolean;
  /** True when the command must not run at all, whoever approves it. */
  readonly blocked: boolean;
  /** `level !== 'safe'`: warning needs the requester's confirmation, dangerous an approver. */
  readonly requires_approval: boolean;
  /** Why the level is what it is, as sentences for people. */
  readonly reasons: string[];
  /** What to double-check before running. */
  readonly warnings: string[];
  /** Why the command was refused (only when `is_valid` is false). */
  readonly errors: string[];
  /** Safer alternatives. */
  readonly suggestions: string[];
  /** The argv that would run; null when refused. */
  readonly argv: string[] | null;
  readonly impact: CommandImpact | null;
}

/** Result of turning a natural-language request into one kubectl command (or a question back). */
export interface Translation {
  /** The command line in canonical form, or null when a clarification is needed. */
  readonly command: string | null;
  readonly argv: string[] | null;
  /** Plain English: what the command does, or why there is none. */
  readonly explanation: string;
  /** A question asking for what is missing; null when a command was produced. */
  readonly clarification: string | null;
  /** 0..1: how sure the translator is that the command is what was meant. */
  readonly confidence: number;
  /** Intent id (`get`, `logs`, `scale`, …), `raw` for typed kubectl, `unknown` when not understood. */
  readonly intent: string;
  /** The conversation context after this request. */
  readonly context: ConversationContext;
  /** Which fields came from the conversation rather than the query: `resource`, `name`, `namespace`, … */
  readonly context_applied: string[];
}
