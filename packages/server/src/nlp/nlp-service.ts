import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type {
  Classification,
  ConversationContext,
  NlpMetrics,
  NlpResult,
  Provider,
  SafetyLevel,
  ValidationResult,
} from '@k8s-chat/contract';
import { ApiError } from '../http/errors.js';
import { parseKubectl } from '../kubectl/index.js';
import { createLlmProvider, type LlmOptions, type LlmOutcome, type LlmProvider } from './llm-provider.js';
import { classifyCommand } from './safety.js';
import { MAX_QUERY_LENGTH, translate } from './translator.js';
import type { Translation } from './types.js';

/**
 * The NLP API behind `/api/v1/nlp/*` and the chat: translate (rules first, the optional model only for
 * what the rules do not understand), classify and validate commands, and count what happened. The safety
 * level of every proposal comes from `classifyCommand`, whichever provider proposed it.
 */
export interface NlpServiceOptions {
  /** The OpenAI-compatible model; the service runs on local rules alone without it. */
  readonly llm?: LlmOptions | null;
  readonly now?: () => Date;
}

export interface ProcessRequest {
  readonly query: string;
  /** Namespace for requests that name none. */
  readonly namespace?: string | undefined;
  /** The conversation so far; upstream's free-text context is accepted and ignored. */
  readonly context?: ConversationContext | string | undefined;
  /** `local` keeps the model out of this request. */
  readonly provider?: string | undefined;
}

/** What upstream shows for each level. */
export const SAFETY_PRESENTATION: Record<
  SafetyLevel,
  { readonly description: string; readonly color: string }
> = {
  safe: { description: 'Safe operation - read-only or non-destructive commands', color: '#28a745' },
  warning: {
    description: 'Warning - potentially impactful operation, review before executing',
    color: '#ffc107',
  },
  dangerous: {
    description: 'Dangerous - destructive operation that could cause service disruption',
    color: '#dc3545',
  },
};

export interface ProviderMetrics {
  request_count: number;
  success_count: number;
  error_count: number;
  clarification_count: number;
  average_latency_ms: number;
  tokens_used: number;
  last_used: string | null;
}

export type NlpServiceMetrics = NlpMetrics & { readonly by_provider: Record<string, ProviderMetrics> };

export interface NlpService {
  process(request: ProcessRequest): Promise<NlpResult>;
  validate(command: string): ValidationResult;
  classify(command: string): Classification;
  providers(): Provider[];
  health(): Promise<{ status: 'healthy' | 'unhealthy'; message: string; providers: Provider[] }>;
  metrics(): NlpServiceMetrics;
}

/** After this many failures in a row the model is reported unavailable until it answers again. */
const UNAVAILABLE_AFTER = 3;

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function createNlpService(options: NlpServiceOptions = {}): NlpService {
  const now = options.now ?? (() => new Date());
  const llm: LlmProvider | null = options.llm?.url ? createLlmProvider(options.llm) : null;
  const totals = counters();
  const byProvider: Record<string, Counters> = { local: counters(), ...(llm ? { openai: counters() } : {}) };
  let llmFailuresInRow = 0;

  async function process(request: ProcessRequest): Promise<NlpResult> {
    const started = performance.now();
    const createdAt = now().toISOString();
    try {
      const namespace = checkNamespace(request.namespace);
      const context = sanitizeContext(request.context);
      const query = String(request.query ?? '').slice(0, MAX_QUERY_LENGTH + 1);
      const translation = translate(query, { defaultNamespace: namespace, context });
      let outcome: Resolved = fromTranslation(translation);
      let llmError: string | undefined;

      // The model only sees what the rules did not understand: a question the rules asked on purpose
      // ("how many replicas?") is not handed to something that would guess.
      if (
        llm &&
        request.provider !== 'local' &&
        translation.command === null &&
        translation.intent === 'unknown'
      ) {
        const llmStarted = performance.now();
        const answer = await llm.translate(query, { namespace, context });
        const fromModel = fromLlm(answer, translation);
        const stats = byProvider.openai!;
        record(
          stats,
          performance.now() - llmStarted,
          answer.tokensUsed,
          createdAt,
          answer.ok ? 'success' : fromModel ? 'clarification' : 'error',
        );
        if (answer.ok) llmFailuresInRow = 0;
        else if (!fromModel) llmFailuresInRow++;
        if (fromModel) outcome = fromModel;
        else
          llmError = `The language model failed (${answer.ok ? '' : answer.message}); local rules answered instead.`;
      }

      const result = present(outcome, translation, createdAt, started, llmError);
      if (outcome.provider === 'local') {
        record(
          byProvider.local!,
          result.processing_time_ms,
          0,
          createdAt,
          result.generated_command ? 'success' : 'clarification',
        );
      }
      record(
        totals,
        result.processing_time_ms,
        result.tokens_used,
        createdAt,
        result.generated_command ? 'success' : 'clarification',
      );
      return result;
    } catch (error) {
      record(totals, performance.now() - started, 0, createdAt, 'error');
      throw error;
    }
  }

  function providers(): Provider[] {
    return [
      { name: 'local', display_name: 'Local rules (deterministic)', available: true },
      ...(llm
        ? [
            {
              name: 'openai',
              display_name: 'OpenAI-compatible model',
              available: llmFailuresInRow < UNAVAILABLE_AFTER,
            },
          ]
        : []),
    ];
  }

  return {
    process,
    validate(command) {
      const c = classifyCommand(command);
      return {
        is_valid: c.is_valid,
        safety_level: c.level,
        warnings: c.warnings,
        errors: c.errors,
        suggestions: c.suggestions,
      };
    },
    classify(command) {
      const c = classifyCommand(command);
      return {
        command,
        safety_level: c.level,
        ...SAFETY_PRESENTATION[c.level],
        is_valid: c.is_valid,
        warnings: c.warnings,
        errors: c.errors,
        suggestions: c.suggestions,
        reasons: c.reasons,
        requires_approval: c.requires_approval,
      };
    },
    providers,
    async health() {
      // The local rules need nothing external, so the service is healthy whenever it runs.
      return { status: 'healthy', message: 'NLP service is operational', providers: providers() };
    },
    metrics() {
      return {
        provider: 'local',
        ...snapshot(totals),
        by_provider: Object.fromEntries(Object.entries(byProvider).map(([name, c]) => [name, snapshot(c)])),
      };
    },
  };
}

/** A proposal before it is classified and dressed as an `NlpResult`. */
interface Resolved {
  readonly provider: 'local' | 'openai';
  readonly command: string | null;
  readonly explanation: string;
  readonly clarification: string | null;
  readonly confidence: number;
  readonly tokensUsed: number;
}

function fromTranslation(t: Translation): Resolved {
  return {
    provider: 'local',
    command: t.command,
    explanation: t.explanation,
    clarification: t.clarification,
    confidence: t.confidence,
    tokensUsed: 0,
  };
}

/** The model's answer, or null when it failed and the local answer stands. */
function fromLlm(answer: LlmOutcome, local: Translation): Resolved | null {
  if (answer.ok) {
    return {
      provider: 'openai',
      command: answer.command,
      explanation: answer.explanation,
      clarification: null,
      // The model is not checked against a labelled set, so it never claims more than this.
      confidence: 0.6,
      tokensUsed: answer.tokensUsed,
    };
  }
  if (answer.reason === 'no-command' || answer.reason === 'refused') {
    const question = answer.clarification ?? local.clarification;
    return {
      provider: 'openai',
      command: null,
      explanation: question ?? local.explanation,
      clarification: question,
      confidence: 0,
      tokensUsed: answer.tokensUsed,
    };
  }
  return null;
}

function present(
  outcome: Resolved,
  t: Translation,
  createdAt: string,
  started: number,
  error: string | undefined,
): NlpResult {
  let { command, clarification, explanation } = outcome;
  const c = command ? classifyCommand(command) : null;
  if (c && (!c.is_valid || c.blocked)) {
    // A typed command with a lookalike character, say: nothing is proposed, the reason is shown.
    clarification = `That command cannot run: ${c.errors.join(' ')} Please retype it.`;
    explanation = clarification;
    command = null;
  }
  const valid = command && c ? c : null;
  return {
    id: randomUUID(),
    request_id: randomUUID(),
    generated_command: command ?? '',
    explanation,
    safety_level: valid?.level ?? 'safe',
    confidence: command ? outcome.confidence : 0,
    provider: outcome.provider,
    processing_time_ms: Math.max(0, Math.round((performance.now() - started) * 100) / 100),
    tokens_used: outcome.tokensUsed,
    created_at: createdAt,
    requires_approval: valid?.requires_approval ?? false,
    warnings: valid?.warnings ?? [],
    reasons: valid?.reasons ?? [],
    impact: valid?.impact ?? null,
    clarification,
    context:
      outcome.provider === 'openai' && valid?.argv ? contextFromArgv(valid.argv, t.context) : t.context,
    context_applied: t.context_applied,
    ...(error ? { error } : {}),
  };
}

/** What the conversation remembers of a model's command, read from its argv like any other. */
function contextFromArgv(argv: string[], previous: ConversationContext): ConversationContext {
  const parsed = parseKubectl(argv);
  const kind = parsed.resources[0];
  const next: ConversationContext = { ...previous, lastIntent: parsed.verb ?? 'raw' };
  if (kind) {
    next.resource = kind.plural;
    if (parsed.names[0]) next.name = parsed.names[0];
    else delete next.name;
  }
  if (parsed.namespace) next.namespace = parsed.namespace;
  return next;
}

function checkNamespace(namespace: string | undefined): string | undefined {
  const ns = namespace?.trim();
  if (!ns) return undefined;
  if (!DNS_LABEL.test(ns)) {
    throw ApiError.badRequest(
      'INVALID_NAMESPACE',
      `"${ns.slice(0, 70)}" is not a namespace name: use lowercase letters, digits and dashes.`,
    );
  }
  return ns;
}

/** The context comes from the client: keep only well-formed fields, so it cannot smuggle text into argv. */
function sanitizeContext(context: ProcessRequest['context']): ConversationContext {
  if (!context || typeof context !== 'object') return {};
  const out: ConversationContext = {};
  const name = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
  if (typeof context.resource === 'string' && /^[a-z]{1,63}$/.test(context.resource))
    out.resource = context.resource;
  if (typeof context.name === 'string' && name.test(context.name)) out.name = context.name;
  if (typeof context.namespace === 'string' && DNS_LABEL.test(context.namespace))
    out.namespace = context.namespace;
  if (typeof context.lastQuery === 'string') out.lastQuery = context.lastQuery.slice(0, MAX_QUERY_LENGTH);
  if (typeof context.lastIntent === 'string' && /^[a-z:-]{1,40}$/.test(context.lastIntent))
    out.lastIntent = context.lastIntent;
  return out;
}

interface Counters {
  requests: number;
  successes: number;
  errors: number;
  clarifications: number;
  latencyTotal: number;
  tokens: number;
  lastUsed: string | null;
}

const counters = (): Counters => ({
  requests: 0,
  successes: 0,
  errors: 0,
  clarifications: 0,
  latencyTotal: 0,
  tokens: 0,
  lastUsed: null,
});

/** A clarification is a success (the service answered) that is also counted on its own. */
function record(
  c: Counters,
  latencyMs: number,
  tokens: number,
  at: string,
  outcome: 'success' | 'clarification' | 'error',
): void {
  c.requests++;
  c.latencyTotal += latencyMs;
  c.tokens += tokens;
  c.lastUsed = at;
  if (outcome === 'error') c.errors++;
  else c.successes++;
  if (outcome === 'clarification') c.clarifications++;
}

function snapshot(c: Counters): ProviderMetrics {
  return {
    request_count: c.requests,
    success_count: c.successes,
    error_count: c.errors,
    clarification_count: c.clarifications,
    average_latency_ms: c.requests ? Math.round((c.latencyTotal / c.requests) * 100) / 100 : 0,
    tokens_used: c.tokens,
    last_used: c.lastUsed,
  };
}
