import type { ReadableAtom } from 'nanostores';
import type {
  Approval,
  ChatSession,
  CreateSessionRequest,
  Preferences,
  PreferencesUpdate,
  User,
} from '@k8s-chat/contract';
import type { KubeChatApi } from '../api/api-client.js';
import type { AuthState, TokenProvider } from '../auth/token-provider.js';
import type { ConnectionState, Hub } from '../ws/hub-types.js';
import { createExecutionStore, type ExecutionState } from './execution-store.js';
import { createApprovalsStore, createExecutionsStore, type ExecutionsState } from './executions-store.js';
import type { ListState } from './list-state.js';
import { createSessionMessages, type MessagesState, type SessionMessages } from './messages-store.js';
import { createOutbox, type SendOptions, type SendOutcome } from './outbox.js';
import { createPreferencesStore, type PreferencesState } from './preferences-store.js';
import { createSessionsStore } from './sessions-store.js';
import { createUserStore } from './user-store.js';

/**
 * The application state of one client, as nanostores. Each store reads REST and subscribes to its socket
 * topic only while something listens (`onMount`), and replaces its value immutably.
 */
export interface KubeChatStores {
  readonly $auth: ReadableAtom<AuthState>;
  readonly $connection: ReadableAtom<ConnectionState>;
  readonly $user: ReadableAtom<User | null>;
  readonly $sessions: ReadableAtom<ListState<ChatSession>>;
  readonly $executions: ReadableAtom<ExecutionsState>;
  readonly $approvals: ReadableAtom<ListState<Approval>>;
  /** Theme, default namespace, compact mode and sound: per user, the same on every device. */
  readonly $preferences: ReadableAtom<PreferencesState>;
  updatePreferences(update: PreferencesUpdate): Promise<Preferences>;
  /** One session's messages, including local copies of messages on their way. */
  messages(sessionId: string): ReadableAtom<MessagesState>;
  /** One execution with its streamed output. */
  execution(executionId: string): ReadableAtom<ExecutionState>;
  /** Sends a chat message exactly once (optimistic copy, same clientMessageId on every retry). */
  /** Sends a message; `options` carries a reply's `parentId` and the default `namespace`. */
  sendMessage(sessionId: string, content: string, options?: SendOptions): Promise<SendOutcome>;
  /** Resends a queued or refused message with its original clientMessageId. */
  retryMessage(clientMessageId: string): Promise<SendOutcome | null>;
  createSession(body?: CreateSessionRequest): Promise<ChatSession>;
  deleteSession(sessionId: string): Promise<void>;
  reloadSessions(): Promise<void>;
  reloadExecutions(): Promise<void>;
  reloadApprovals(): Promise<void>;
  dispose(): void;
}

export function createStores(api: KubeChatApi, hub: Hub, auth: TokenProvider): KubeChatStores {
  const $user = createUserStore(api, auth);
  const sessions = createSessionsStore(api, hub);
  const executions = createExecutionsStore(api, hub, $user);
  const approvals = createApprovalsStore(api, hub, $user);
  const preferences = createPreferencesStore(api, hub, $user);
  const messageStores = new Map<string, SessionMessages>();
  const executionStores = new Map<string, ReadableAtom<ExecutionState>>();
  const messagesOf = (sessionId: string) => {
    let store = messageStores.get(sessionId);
    if (!store) messageStores.set(sessionId, (store = createSessionMessages(sessionId, api, hub)));
    return store;
  };
  const outbox = createOutbox(api, hub, messagesOf);

  // Lists read while nobody was signed in hold an auth error (an element mounted before the login form was
  // used, or before the host handed out a token); read the ones in use again once that changes.
  let previousStatus = auth.$state.get().status;
  const stopWatchingAuth = auth.$state.listen(({ status }) => {
    if (previousStatus === 'signed-out' && status !== 'signed-out') {
      if (sessions.$sessions.lc > 0) void sessions.reload();
      if (executions.$executions.lc > 0) void executions.reload();
      if (approvals.$approvals.lc > 0) void approvals.reload();
    }
    previousStatus = status;
  });

  return {
    $auth: auth.$state,
    $connection: hub.$connection,
    $user,
    $sessions: sessions.$sessions,
    $executions: executions.$executions,
    $approvals: approvals.$approvals,
    $preferences: preferences.$preferences,
    updatePreferences: (update) => preferences.update(update),
    messages: (sessionId) => messagesOf(sessionId).$state,
    execution(executionId) {
      let store = executionStores.get(executionId);
      if (!store) executionStores.set(executionId, (store = createExecutionStore(executionId, api, hub)));
      return store;
    },
    sendMessage: (sessionId, content, options) => outbox.send(sessionId, content, options),
    retryMessage: (clientMessageId) => outbox.retry(clientMessageId),
    createSession: (body) => sessions.create(body),
    deleteSession: (sessionId) => sessions.remove(sessionId),
    reloadSessions: () => sessions.reload(),
    reloadExecutions: () => executions.reload(),
    reloadApprovals: () => approvals.reload(),
    dispose() {
      stopWatchingAuth();
      outbox.dispose();
      messageStores.clear();
      executionStores.clear();
    },
  };
}
