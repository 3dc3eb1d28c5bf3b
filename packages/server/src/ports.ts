import type {
  ChatMessage,
  Classification,
  ConversationContext,
  NlpMetrics,
  NlpResult,
  Provider,
  SafetyLevel,
  ValidationResult,
} from '@k8s-chat/contract';

/** What the chat needs from the NLP service. */
export interface NlpPort {
  process(request: {
    query: string;
    namespace?: string | undefined;
    context?: ConversationContext | undefined;
  }): Promise<NlpResult> | NlpResult;
}

/** The server-side safety decision for one command line (never the model's, never the client's). */
export interface SafetyDecision {
  readonly level: SafetyLevel;
  readonly is_valid: boolean;
  readonly blocked: boolean;
  readonly requires_approval: boolean;
  readonly reasons: readonly string[];
  readonly warnings: readonly string[];
  readonly errors: readonly string[];
  readonly argv: readonly string[] | null;
  readonly impact: { readonly namespace: string | null; readonly resources: readonly string[] } | null;
}

export type ClassifyPort = (command: string) => SafetyDecision;

/** Where chat and execution changes are announced (the WebSocket gateway). */
export interface PublishPort {
  message(sessionId: string, message: ChatMessage): void;
}

/** Scoped topic publishing, as the WebSocket gateway offers it. */
export interface TopicPublisher {
  publish(topic: string, type: string, payload: unknown): unknown;
  notifyUser(userId: string, type: string, payload: unknown): void;
}

/** The NLP service the routes use. */
export interface NlpServicePort extends NlpPort {
  validate(command: string): ValidationResult;
  classify(command: string): Classification;
  providers(): Provider[];
  health(): Promise<{ status: string }> | { status: string };
  metrics(): NlpMetrics;
}
