export { VERSION } from './version.js';
export { defineElement } from './define/define-element.js';
export { K8sElement } from './base/k8s-element.js';
export { tokens, lightTokens, darkTokens, themeDeclarations, type TokenName } from './styles/tokens.js';
export {
  SAFETY_LEVELS,
  type SafetyLevel,
  EXECUTION_STATUSES,
  type ExecutionStatus,
  FINAL_EXECUTION_STATUSES,
  APPROVAL_STATUSES,
  type ApprovalStatus,
  ROLES,
  type Role,
  THEME_PREFERENCES,
  DEFAULT_PREFERENCES,
  type ThemePreference,
  REDACTION_KINDS,
  findRedactions,
  redactionMarker,
  type RedactionKind,
  type RedactionSpan,
} from './types/enums.js';
export type * from './types/contract.js';

// Strings
export {
  DEFAULT_STRINGS,
  strings,
  $strings,
  setStrings,
  resetStrings,
  formatString,
  type StringKey,
  type Strings,
} from './strings/strings.js';

// API
export {
  KubeChatApi,
  type ExecuteResult,
  type SendMessageResult,
  type SessionDetail,
  type StatsQuery,
  type ExportOptions,
} from './api/api-client.js';
export {
  readExport,
  rowCounter,
  type ExportFormat,
  type ExportProgress,
  type ExportResult,
} from './api/export-stream.js';
export {
  Requester,
  apiRoot,
  type Call,
  type CallOptions,
  type RequesterOptions,
  type HttpMethod,
} from './api/request.js';
export {
  KubeChatError,
  ERROR_KINDS,
  isKubeChatError,
  kindForStatus,
  type ErrorKind,
  type KubeChatErrorInit,
} from './api/errors.js';
export { unwrap, parseBody, errorFromResponse, parseRetryAfter, type Expect } from './api/envelope.js';
export { backoffDelay, sleep, type BackoffOptions } from './api/backoff.js';
export { newId } from './api/ids.js';

// Auth
export type {
  TokenProvider,
  TokenRequest,
  AuthState,
  AuthStatus,
  AuthRequiredReason,
} from './auth/token-provider.js';
export {
  BaseTokenProvider,
  TokenDeniedError,
  type Grant,
  type ObtainRequest,
  type TokenProviderOptions,
} from './auth/base-token-provider.js';
export {
  HostTokenProvider,
  type HostToken,
  type HostTokenSource,
  type HostTokenProviderOptions,
} from './auth/host-token-provider.js';
export { SessionTokenProvider, type SessionTokenProviderOptions } from './auth/session-token-provider.js';
export { createTabSync, type TabSync, type TabMessage } from './auth/tab-sync.js';

// WebSocket
export { WebSocketHub, socketUrl, type HubOptions } from './ws/hub.js';
export {
  CONNECTION_STATES,
  type ConnectionState,
  type Hub,
  type HubEvent,
  type TopicListener,
} from './ws/hub-types.js';
export type { WebSocketLike, WebSocketConstructor } from './ws/transport.js';

// Stores
export { createStores, type KubeChatStores } from './stores/create-stores.js';
export type { ListState } from './stores/list-state.js';
export type { MessagesState, MessageView, MessageStatus } from './stores/messages-store.js';
export type { ExecutionState, ExecutionProgress } from './stores/execution-store.js';
export { EMPTY_EXECUTION_STATE } from './stores/execution-store.js';
export type { ExecutionsState } from './stores/executions-store.js';
export type { SendOptions, SendOutcome } from './stores/outbox.js';
export { storeSignal } from './stores/signals.js';
export type { PreferencesState } from './stores/preferences-store.js';

// Services and context
export { createServices, type KubeChatServices, type ServicesOptions } from './context/services.js';
export { acquireSharedServices, configureSharedServices } from './context/shared-services.js';
export { servicesContext, authContext, apiContext, hubContext, storesContext } from './context/contexts.js';

// Controllers
export { StoreController } from './controllers/store-controller.js';
export { PreferencesController } from './controllers/preferences-controller.js';
export { renderErrorNotice, describeError, errorNoticeStyles } from './base/error-notice.js';
export {
  AudioCues,
  audioCues,
  CUE_NOTES,
  type AudioCue,
  type CueAudioContext,
  type CueOscillator,
  type CueGain,
  type CueAudioParam,
} from './feedback/audio-cues.js';
export {
  createIdleMonitor,
  type IdleMonitor,
  type IdleMonitorOptions,
  type IdleState,
  type IdleStatus,
} from './auth/idle-monitor.js';
export {
  ServicesController,
  resolveServices,
  type ServicesControllerOptions,
} from './controllers/services-controller.js';
export {
  HubSubscriptionController,
  type HubSubscriptionOptions,
} from './controllers/hub-subscription-controller.js';

// Elements and events
export { K8sChatProvider, type ProviderAuthMode } from './k8s-chat-provider/k8s-chat-provider.js';
export { AuthRequiredEvent, type AuthRequiredDetail } from './events.js';
