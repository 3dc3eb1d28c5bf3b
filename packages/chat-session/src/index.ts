export { K8sChat } from './k8s-chat/k8s-chat.js';
export {
  MESSAGE_ROLES,
  MESSAGE_STATUSES,
  EXPORT_FORMATS,
  EXAMPLE_PROMPTS,
  LAST_SESSION_KEY,
  type MessageRole,
  type ChatMessageStatus,
  type ChatMessageView,
  type ExportFormat,
  type PresenceUser,
} from './k8s-chat/k8s-chat.types.js';
export {
  MessageSendEvent,
  SessionChangeEvent,
  type MessageSendDetail,
  type SessionChangeDetail,
} from './events.js';
export { renderMarkdown } from './markdown/render-markdown.js';
export {
  tokenize,
  languageOf,
  HIGHLIGHT_LANGUAGES,
  type CodeToken,
  type HighlightLanguage,
} from './markdown/highlight.js';
export {
  complete,
  isKubectl,
  kindKey,
  namesIn,
  KUBECTL_VERBS,
  KUBECTL_KINDS,
  KUBECTL_FLAGS,
  DEFAULT_NAMESPACES,
  type Completion,
} from './kubectl/completions.js';
