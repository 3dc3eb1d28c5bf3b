/**
 * Fake core services for the command-preview and execution-status tests and stories: an in-memory API with
 * the server's rules that matter to these elements (levels, 202 approvals, Idempotency-Key dedupe, digest
 * binding, step-up), writable stores, and a tiny provider element that hands them out through context.
 * No network, no socket.
 */
import { ContextProvider } from '@lit/context';
import { LitElement, html } from 'lit';
import { atom, type WritableAtom } from 'nanostores';
import {
  KubeChatError,
  defineElement,
  servicesContext,
  type Approval,
  type ApprovalWithExecution,
  type CallOptions,
  type Classification,
  type CommandProposal,
  type ExecuteRequest,
  type ExecuteResult,
  type Execution,
  type ExecutionState,
  type KubeChatServices,
  type ListState,
  type PreferencesState,
  type RollbackExecution,
  type RollbackPlan,
  type SafetyLevel,
  type User,
  type ValidationResult,
} from '@k8s-chat/core';

export const ALICE: User = { id: 'u1', username: 'alice', role: 'user' };
export const ADMIN: User = { id: 'u9', username: 'root-admin', role: 'admin' };
export const VIEWER: User = { id: 'u5', username: 'vic', role: 'viewer' };

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
export const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

/** The server's static classifier, simplified. */
export function levelOf(command: string): SafetyLevel {
  if (/[|;&$`]/u.test(command) || /\b(delete|drain|exec|cordon)\b/u.test(command)) return 'dangerous';
  if (/[^ -~]/u.test(command)) return 'dangerous';
  if (/\b(scale|apply|rollout|patch|label|annotate|edit|create|set)\b/u.test(command)) return 'warning';
  return 'safe';
}

export function digestOf(command: string): string {
  let h = 0;
  for (const char of command) h = (Math.imul(h, 31) + char.codePointAt(0)!) | 0;
  return `sha256:${(h >>> 0).toString(16)}`;
}

export function makeExecution(id: string, patch: Partial<Execution> = {}): Execution {
  const command = patch.command ?? 'kubectl get pods -n prod';
  return {
    id,
    user_id: ALICE.id,
    username: ALICE.username,
    session_id: 's1',
    message_id: 'm1',
    command,
    argv: command.split(/\s+/u),
    command_digest: digestOf(command),
    namespace: 'prod',
    resources: ['pods'],
    safety_level: levelOf(command),
    reasons: [],
    warnings: [],
    status: 'executing',
    dry_run: false,
    executor: 'sandbox',
    target: { cluster: 'prod-eu', context: 'prod-eu-admin' },
    approval_id: null,
    rollback_of: null,
    exit_code: null,
    output: '',
    error_message: null,
    created_at: at(0),
    updated_at: at(0),
    approved_at: null,
    executed_at: at(1),
    completed_at: null,
    execution_time_ms: null,
    rollback_available: false,
    ...patch,
  };
}

export function makeApproval(execution: Execution, patch: Partial<Approval> = {}): ApprovalWithExecution {
  return {
    id: `a-${execution.id}`,
    command_execution_id: execution.id,
    requested_by_user_id: execution.user_id,
    requested_by: execution.username,
    approved_by_user_id: null,
    approved_by: null,
    status: 'pending',
    reason: null,
    required_role: 'admin',
    command: execution.command,
    command_digest: execution.command_digest,
    safety_level: execution.safety_level,
    expires_at: new Date(Date.now() + 15 * 60_000).toISOString(),
    created_at: new Date(Date.now()).toISOString(),
    decided_at: null,
    ...patch,
    execution,
  };
}

export function makeProposal(command: string, patch: Partial<CommandProposal> = {}): CommandProposal {
  const level = levelOf(command);
  return {
    generatedCommand: command,
    safetyLevel: level,
    explanation: 'Does what you asked.',
    warnings: [],
    reasons: [],
    requiresApproval: level === 'dangerous',
    approvalRequired: level === 'dangerous',
    confidence: 0.9,
    clarification: null,
    impact: null,
    contextApplied: [],
    target: { cluster: 'prod-eu', context: 'prod-eu-admin', namespace: 'prod' },
    provider: 'fake',
    ...patch,
  };
}

export interface FakeCall {
  readonly method: string;
  readonly args: readonly unknown[];
}

export interface FakeOptions {
  readonly user?: User | null;
  readonly executions?: readonly Execution[];
  readonly approvals?: readonly Approval[];
  /** Dangerous approvals need a password (403 STEP_UP_REQUIRED without one). */
  readonly stepUp?: boolean;
  /** The password step-up accepts. */
  readonly password?: string;
  /** Status a safe or warning command starts in (default `executing`). */
  readonly startStatus?: Execution['status'];
  /** Makes every API call wait until `release()` is called. */
  readonly hold?: boolean;
}

export type FakeWorld = ReturnType<typeof fakeServices>;

const EMPTY_STATE: ExecutionState = {
  execution: null,
  output: '',
  progress: null,
  approval: null,
  loading: false,
  error: null,
};

export function fakeServices(options: FakeOptions = {}) {
  const calls: FakeCall[] = [];
  const executions = new Map<string, Execution>();
  for (const a of options.approvals ?? []) {
    const e = (a as Partial<ApprovalWithExecution>).execution;
    if (e) executions.set(e.id, e);
  }
  for (const e of options.executions ?? []) executions.set(e.id, e);
  const byKey = new Map<string, ExecuteResult>();
  const $user = atom<User | null>(options.user === undefined ? ALICE : options.user);
  const $approvals = atom<ListState<Approval>>({
    items: options.approvals ?? [],
    loading: false,
    loaded: true,
    error: null,
  });
  const stores = new Map<string, WritableAtom<ExecutionState>>();
  const $connection = atom<'open' | 'reconnecting'>('open');
  /** The signed-in person's stored preferences (theme, compact, sound), as the server would send them. */
  const $preferences = atom<PreferencesState>({
    value: { theme: 'system', default_namespace: null, compact: false, sound: false, updated_at: null },
    loaded: true,
    error: null,
  });
  let counter = 0;
  let waiters: (() => void)[] = [];
  let holding = options.hold ?? false;

  const gate = async () => {
    if (holding) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });

  const executionStore = (id: string) => {
    let store = stores.get(id);
    if (!store) {
      const execution = executions.get(id) ?? null;
      stores.set(
        id,
        (store = atom<ExecutionState>({ ...EMPTY_STATE, execution, output: execution?.output ?? '' })),
      );
    }
    return store;
  };

  const forbid = (code: string, message: string) =>
    new KubeChatError({ kind: 'forbidden', status: 403, code, serverMessage: message });

  const api = {
    async execute(body: ExecuteRequest, o?: CallOptions): Promise<ExecuteResult> {
      record('execute', body, o);
      await gate();
      const key = o?.idempotencyKey ?? `k${++counter}`;
      const seen = byKey.get(key);
      if (seen) return seen;
      const command = String(body.command);
      const level = levelOf(command);
      const id = `e${executions.size + 1}`;
      if (body.dry_run) {
        if (level === 'safe')
          throw new KubeChatError({ kind: 'validation', status: 400, code: 'DRY_RUN_NOT_NEEDED' });
        const tried = makeExecution(id, {
          command: `${command} --dry-run=server`,
          dry_run: true,
          status: 'completed',
          exit_code: 0,
          output: 'deployment.apps/api scaled (server dry run)\n',
        });
        executions.set(id, tried);
        return { kind: 'execution', execution: tried };
      }
      const execution = makeExecution(id, {
        command,
        session_id: body.session_id ?? null,
        message_id: body.message_id ?? null,
        user_id: $user.get()?.id ?? ALICE.id,
        username: $user.get()?.username ?? ALICE.username,
        status: level === 'dangerous' ? 'pending_approval' : (options.startStatus ?? 'executing'),
        approval_id: level === 'dangerous' ? `a-${id}` : null,
      });
      executions.set(id, execution);
      const result: ExecuteResult =
        level === 'dangerous'
          ? { kind: 'approval', approval: makeApproval(execution) }
          : { kind: 'execution', execution };
      byKey.set(key, result);
      return result;
    },
    async validateCommand(command: string, o?: CallOptions): Promise<ValidationResult> {
      record('validateCommand', command, o);
      await gate();
      const empty = !command.trim();
      return {
        is_valid: !empty && command.trim().startsWith('kubectl'),
        safety_level: levelOf(command),
        warnings: levelOf(command) === 'safe' ? [] : ['This changes the cluster.'],
        errors: empty || !command.trim().startsWith('kubectl') ? ['Only kubectl commands can run.'] : [],
        suggestions: [],
      };
    },
    async classifyCommand(command: string, o?: CallOptions): Promise<Classification> {
      record('classifyCommand', command, o);
      const level = levelOf(command);
      return {
        command,
        safety_level: level,
        description: '',
        color: '',
        is_valid: true,
        warnings: [],
        errors: [],
        suggestions: [],
        reasons: [],
        requires_approval: level === 'dangerous',
      };
    },
    async sessionCommands(sessionId: string, o?: CallOptions): Promise<Execution[]> {
      record('sessionCommands', sessionId, o);
      return [...executions.values()].filter((e) => e.session_id === sessionId);
    },
    async getExecution(id: string, o?: CallOptions): Promise<Execution> {
      record('getExecution', id, o);
      await gate();
      const execution = executions.get(id);
      if (!execution) throw new KubeChatError({ kind: 'not-found', status: 404, code: 'NOT_FOUND' });
      return execution;
    },
    async cancelExecution(id: string, o?: CallOptions): Promise<Execution> {
      record('cancelExecution', id, o);
      await gate();
      const execution = executions.get(id);
      if (!execution) throw new KubeChatError({ kind: 'not-found', status: 404, code: 'NOT_FOUND' });
      const next = { ...execution, status: 'cancelled' as const, updated_at: at(600), completed_at: at(600) };
      executions.set(id, next);
      $approvals.set({
        ...$approvals.get(),
        items: $approvals.get().items.filter((a) => a.command_execution_id !== id),
      });
      return next;
    },
    async approve(
      body: {
        execution_id: string;
        decision: 'approve' | 'reject';
        reason?: string;
        command_digest?: string;
        password?: string;
      },
      o?: CallOptions,
    ): Promise<Approval> {
      record('approve', body, o);
      await gate();
      const approval = $approvals.get().items.find((a) => a.command_execution_id === body.execution_id);
      if (!approval) throw new KubeChatError({ kind: 'not-found', status: 404, code: 'NOT_FOUND' });
      if (body.command_digest !== approval.command_digest)
        throw new KubeChatError({ kind: 'conflict', status: 409, code: 'DIGEST_MISMATCH' });
      if (
        body.decision === 'approve' &&
        options.stepUp &&
        approval.safety_level === 'dangerous' &&
        body.password !== (options.password ?? 'secret')
      )
        throw forbid('STEP_UP_REQUIRED', 'Enter your password to approve a dangerous command.');
      const decided: Approval = {
        ...approval,
        status: body.decision === 'approve' ? 'approved' : 'rejected',
        reason: body.reason ?? null,
        approved_by: $user.get()?.username ?? null,
        approved_by_user_id: $user.get()?.id ?? null,
        decided_at: at(60),
      };
      $approvals.set({ ...$approvals.get(), items: $approvals.get().items.filter((a) => a !== approval) });
      return decided;
    },
    async pendingApprovals(o?: CallOptions): Promise<Approval[]> {
      record('pendingApprovals', o);
      return [...$approvals.get().items];
    },
    async planRollback(id: string, o?: CallOptions): Promise<RollbackPlan> {
      record('planRollback', id, o);
      await gate();
      const execution = executions.get(id);
      return {
        id: `plan-${id}`,
        command_execution_id: id,
        user_id: ALICE.id,
        session_id: null,
        original_command: execution?.command ?? '',
        rollback_steps: [
          {
            step_number: 1,
            operation: 'scale',
            resource: 'deployment',
            name: 'api',
            namespace: 'prod',
            description: 'Scale api back to 2 replicas.',
            data: { replicas: 2 },
          },
        ],
        status: 'planned',
        reason: 'Restores the replica count from before the change.',
        safety_level: 'warning',
        estimated_duration: 5_000_000_000,
        validation: { execution_id: id, is_valid: true, reasons: [], warnings: [], checked_at: at(700) },
        created_at: at(700),
        expires_at: at(1600),
      };
    },
    async executeRollbackPlan(planId: string, o?: CallOptions): Promise<RollbackExecution> {
      record('executeRollbackPlan', planId, o);
      await gate();
      return {
        id: `rb-${planId}`,
        plan_id: planId,
        user_id: ALICE.id,
        execution_id: planId.replace('plan-', ''),
        status: 'executing',
        started_at: at(710),
        completed_at: null,
        error: null,
      };
    },
  };

  const hub = {
    $connection,
    subscribe: () => () => undefined,
    on: () => () => undefined,
    sendTyping: () => undefined,
    reconnect: () => undefined,
    dispose: () => undefined,
  };

  const services = {
    baseUrl: 'http://fake.test',
    auth: {},
    api,
    hub,
    stores: {
      $user,
      $approvals,
      $connection,
      $preferences,
      execution: executionStore,
      reloadApprovals: async () => undefined,
      reloadExecutions: async () => undefined,
    },
    dispose: () => undefined,
  } as unknown as KubeChatServices;

  return {
    services,
    api,
    calls,
    executions,
    $user,
    $approvals,
    $connection,
    $preferences,
    executionStore,
    /** Calls of one API method. */
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    /** Lets held calls finish. */
    release() {
      holding = false;
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve();
    },
    /** Changes an execution on the "server" and pushes it live (like an `execution` event). */
    update(
      id: string,
      patch: Partial<Omit<ExecutionState, 'execution'>> & { readonly execution?: Partial<Execution> },
    ) {
      const store = executionStore(id);
      const current = store.get();
      const base = executions.get(id) ?? current.execution;
      const execution =
        patch.execution && base ? { ...base, ...patch.execution } : (current.execution ?? base);
      if (execution) executions.set(id, execution);
      store.set({ ...current, ...patch, execution: execution ?? null });
    },
  };
}

/** Provides services to its light-DOM children through `servicesContext`, like `<k8s-chat-provider>`. */
export class FakeServicesProvider extends LitElement {
  static override properties = { services: { attribute: false } };
  declare services: KubeChatServices | undefined;
  readonly #provider = new ContextProvider(this, { context: servicesContext });

  override willUpdate(): void {
    this.#provider.setValue(this.services);
  }

  override render() {
    return html`<slot></slot>`;
  }
}
defineElement('k8s-fake-services', FakeServicesProvider);

declare global {
  interface HTMLElementTagNameMap {
    'k8s-fake-services': FakeServicesProvider;
  }
}

/** Every execution status, for loops in tests and stories. */
export const EXECUTION_STATUSES_FOR_TEST = [
  'pending',
  'pending_approval',
  'approved',
  'executing',
  'completed',
  'failed',
  'cancelled',
  'timeout',
  'rejected',
] as const;
