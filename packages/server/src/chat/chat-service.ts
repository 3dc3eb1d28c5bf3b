import type {
  ChatMessage,
  CommandProposal,
  ConversationContext,
  SendMessageRequest,
} from '@k8s-chat/contract';
import type { ChatRepository } from './chat-repository.js';
import { ApiError } from '../http/errors.js';
import type { NlpPort, PublishPort } from '../ports.js';
import { redactText } from '../redaction/index.js';

export interface SendResult {
  readonly message: ChatMessage;
  readonly reply: ChatMessage | null;
  readonly replayed: boolean;
}

/**
 * The send flow: store the person's message, translate it, store the assistant's reply with its command
 * proposal, and publish both to the session topic. A repeated clientMessageId returns what was stored
 * the first time, so a retry after a dropped connection never doubles a message.
 */
export class ChatService {
  readonly #inFlight = new Map<string, Promise<SendResult>>();

  constructor(
    private readonly repo: ChatRepository,
    private readonly nlp: NlpPort,
    private readonly publish: PublishPort,
    private readonly target: () => { cluster: string; context: string },
  ) {}

  async send(
    sessionId: string,
    user: { id: string; username: string },
    body: SendMessageRequest,
  ): Promise<SendResult> {
    const access = this.repo.access(sessionId, user.id);
    if (!access) throw ApiError.notFound('The session');
    if (access === 'read') {
      throw ApiError.forbidden(
        'SESSION_READ_ONLY',
        'This session was shared with you read-only. Ask its owner for write access.',
      );
    }
    if (body.parentId && this.repo.message(body.parentId)?.sessionId !== sessionId) {
      throw ApiError.validation('parentId must be a message of this session.', [
        { field: 'parentId', message: 'parentId is not a message of this session' },
      ]);
    }
    const key = body.clientMessageId ? `${sessionId}:${user.id}:${body.clientMessageId}` : null;
    if (key) {
      const stored = this.repo.byClientMessageId(sessionId, user.id, body.clientMessageId!);
      if (stored) return { ...stored, replayed: true };
      const running = this.#inFlight.get(key);
      if (running) return { ...(await running), replayed: true };
    }
    const work = this.#send(sessionId, user, body);
    if (key) this.#inFlight.set(key, work);
    try {
      return await work;
    } finally {
      if (key) this.#inFlight.delete(key);
    }
  }

  async #send(
    sessionId: string,
    user: { id: string; username: string },
    body: SendMessageRequest,
  ): Promise<SendResult> {
    const message = this.repo.addMessage({
      sessionId,
      userId: user.id,
      username: user.username,
      type: 'user',
      // Stored and shown redacted; the translator below still reads what the person typed.
      content: redactText(body.content),
      metadata: body.metadata,
      parentId: body.parentId,
      clientMessageId: body.clientMessageId,
    });
    this.publish.message(sessionId, message);

    const context = this.contextFor(sessionId, body.parentId);
    const result = await this.nlp.process({ query: body.content, namespace: body.namespace, context });
    // The context just used is now the latest one, so a follow-up without a reply continues from here.
    this.repo.setContext(sessionId, result.context);
    const proposal = this.proposal(result);
    const reply = this.repo.addMessage({
      sessionId,
      userId: null,
      username: 'assistant',
      type: 'assistant',
      content: redactText(result.clarification ?? result.explanation),
      metadata: {
        command: proposal,
        provider: result.provider,
        processingTime: result.processing_time_ms,
        confidence: result.confidence,
        safetyLevel: result.safety_level,
      },
      parentId: message.id,
      replyTo: message.id,
      context: result.context,
    });
    this.publish.message(sessionId, reply);
    return { message, reply, replayed: false };
  }

  /** The command proposal shown in the chat, from an NLP result. */
  proposal(result: Awaited<ReturnType<NlpPort['process']>>): CommandProposal {
    const target = this.target();
    return {
      generatedCommand: result.generated_command,
      safetyLevel: result.safety_level,
      explanation: result.explanation,
      warnings: result.warnings,
      reasons: result.reasons,
      requiresApproval: result.requires_approval,
      approvalRequired: result.requires_approval,
      confidence: result.confidence,
      clarification: result.clarification,
      impact: result.impact,
      contextApplied: result.context_applied,
      target: {
        cluster: target.cluster,
        context: target.context,
        namespace: result.impact?.namespace ?? null,
      },
      provider: result.provider,
    };
  }

  /**
   * What a request resolves "it", "its logs" or "there" against. A reply to a message continues that
   * message's thread, so it uses the context current at that message; anything else uses the session's
   * latest. The session's context is the fallback when the message has none stored.
   */
  contextFor(sessionId: string, parentId: string | undefined): ConversationContext {
    return (parentId ? this.repo.contextAt(parentId) : null) ?? this.repo.context(sessionId);
  }

  /**
   * Forgets the session's context, so the next request that is not a reply names its object again.
   * Contexts stored on earlier answers stay: a person who explicitly replies to an old answer points at
   * that conversation, which is the context they chose, not the one they cleared.
   */
  clearContext(sessionId: string): ConversationContext {
    this.repo.setContext(sessionId, {});
    return {};
  }
}
