/** Natural language to one kubectl command, the safety classifier, the optional model, and the service facade. */
export { classifyCommand, higher } from './safety.js';
export { translate, MAX_QUERY_LENGTH, type TranslateOptions } from './translator.js';
export { DEFAULT_FOLLOW_FOR, DEFAULT_TAIL } from './builders.js';
export {
  createLlmProvider,
  llmOptionsFromEnv,
  chatCompletionsUrl,
  readAnswer,
  SYSTEM_PROMPT,
  type LlmFailure,
  type LlmOptions,
  type LlmOutcome,
  type LlmProvider,
} from './llm-provider.js';
export {
  createNlpService,
  SAFETY_PRESENTATION,
  type NlpService,
  type NlpServiceMetrics,
  type NlpServiceOptions,
  type ProcessRequest,
  type ProviderMetrics,
} from './nlp-service.js';
export { INTENTS, type Intent } from './intents.js';
export type {
  CommandImpact,
  ConversationContext,
  ImpactScope,
  SafetyClassification,
  SafetyLevel,
  Translation,
} from './types.js';
