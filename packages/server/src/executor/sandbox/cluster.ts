import type { SandboxClock } from './clock.js';
import {
  API_VERSIONS,
  CLUSTER_SCOPED_KINDS,
  PLURAL_OF_KIND,
  objectKey,
  type ClusterState,
  type KubeEvent,
  type KubeObject,
  type Timer,
  type TimerAction,
} from './model.js';
import { mulberry32, randomHex, randomInt, randomSuffix, randomUuid, type Random } from './random.js';

/** One object added, changed or removed by a commit. `object` is the live object (or the last copy). */
export interface Change {
  readonly type: 'added' | 'modified' | 'deleted';
  readonly plural: string;
  readonly object: KubeObject;
}

export type ChangeListener = (changes: readonly Change[]) => void;

/** What the cluster calls back into; injected so this module has no runtime import of the controllers. */
export interface ClusterHooks {
  reconcile(cluster: Cluster): void;
  applyTimer(cluster: Cluster, timer: Timer): void;
  persist?(json: string): void;
}

/** Events kept per namespace, like the API server's TTL keeps the recent ones. */
const MAX_EVENTS_PER_NAMESPACE = 250;

/**
 * The object store of the simulated API server plus its timers. Mutations are recorded and handed to
 * listeners on `commit()`, after the controllers have reconciled, so a watcher sees each state once it
 * is consistent — the way a watch on a real API server does.
 */
export class Cluster {
  readonly clock: SandboxClock;
  state: ClusterState;
  #hooks: ClusterHooks;
  #pending: Change[] = [];
  /** Sorted objects per kind, dropped whenever one is added or removed. */
  #sorted = new Map<string, KubeObject[]>();
  #indexCache: { byUid: Map<string, KubeObject>; owned: Map<string, Map<string, KubeObject[]>> } | null =
    null;
  #stampSecond = NaN;
  #stamp = '';
  #listeners = new Set<ChangeListener>();
  #cancelTimer: (() => void) | null = null;
  #armedAt = Infinity;
  #saveQueued = false;
  #closed = false;
  /** Bumped by every mutation; the reconcile loop runs until it stops moving. */
  mutations = 0;

  constructor(state: ClusterState, clock: SandboxClock, hooks: ClusterHooks) {
    this.state = state;
    this.clock = clock;
    this.#hooks = hooks;
  }

  now(): number {
    return this.clock.now();
  }

  /** Kubernetes timestamps have second precision. */
  timestamp(at = this.now()): string {
    const second = Math.floor(at / 1000);
    if (second !== this.#stampSecond) {
      this.#stampSecond = second;
      this.#stamp = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    }
    return this.#stamp;
  }

  readonly random: Random = () => {
    const { value, state } = mulberry32(this.state.rng);
    this.state.rng = state;
    return value;
  };

  randomInt(min: number, max: number): number {
    return randomInt(this.random, min, max);
  }

  suffix(length = 5): string {
    return randomSuffix(this.random, length);
  }

  hex(length: number): string {
    return randomHex(this.random, length);
  }

  uuid(): string {
    return randomUuid(this.random);
  }

  // ---- reads -------------------------------------------------------------------------------------

  get<T extends KubeObject>(plural: string, namespace: string | undefined, name: string): T | undefined {
    return this.state.objects[plural]?.[objectKey(namespace, name)] as T | undefined;
  }

  /** Objects of a kind, in one namespace or all (`null`), sorted by namespace then name like the API. */
  list<T extends KubeObject>(plural: string, namespace: string | null = null): T[] {
    let sorted = this.#sorted.get(plural);
    if (!sorted) {
      const bucket = this.state.objects[plural] ?? {};
      sorted = Object.keys(bucket)
        .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
        .map((key) => bucket[key]!);
      this.#sorted.set(plural, sorted);
    }
    const all = sorted as T[];
    return namespace === null ? [...all] : all.filter((o) => (o.metadata.namespace ?? '') === namespace);
  }

  /** Finds an object of a kind by UID (owner references point by UID). */
  byUid<T extends KubeObject>(plural: string, namespace: string | undefined, uid: string): T | undefined {
    const obj = this.#index().byUid.get(uid);
    if (!obj || PLURAL_OF_KIND[obj.kind] !== plural) return undefined;
    return namespace === undefined || obj.metadata.namespace === namespace ? (obj as T) : undefined;
  }

  /** Objects of a kind whose controller is the object with `ownerUid`, sorted like list(). */
  controlledBy<T extends KubeObject>(plural: string, ownerUid: string): T[] {
    return ((this.#index().owned.get(plural)?.get(ownerUid) ?? []) as T[]).slice();
  }

  /**
   * UIDs and owners only change when objects are added or removed, never by an update, so the index
   * is rebuilt only then; controllers ask for owned objects many times per reconcile.
   */
  #index(): { byUid: Map<string, KubeObject>; owned: Map<string, Map<string, KubeObject[]>> } {
    if (this.#indexCache) return this.#indexCache;
    const byUid = new Map<string, KubeObject>();
    const owned = new Map<string, Map<string, KubeObject[]>>();
    for (const plural of Object.keys(this.state.objects)) {
      const perOwner = new Map<string, KubeObject[]>();
      owned.set(plural, perOwner);
      for (const obj of this.list(plural)) {
        byUid.set(obj.metadata.uid, obj);
        const owner = obj.metadata.ownerReferences?.find((r) => r.controller)?.uid;
        if (owner) perOwner.set(owner, [...(perOwner.get(owner) ?? []), obj]);
      }
    }
    this.#indexCache = { byUid, owned };
    return this.#indexCache;
  }

  namespaceIsActive(namespace: string): boolean {
    const ns = this.get<KubeObject & { status: { phase: string } }>('namespaces', undefined, namespace);
    return ns?.status.phase === 'Active';
  }

  // ---- writes ------------------------------------------------------------------------------------

  /** Stores a new object, filling in what the API server fills in. */
  add<T extends KubeObject>(obj: T): T {
    const plural = PLURAL_OF_KIND[obj.kind];
    if (!plural) throw new Error(`sandbox: unknown kind ${obj.kind}`);
    obj.apiVersion = API_VERSIONS[obj.kind] ?? obj.apiVersion;
    if (CLUSTER_SCOPED_KINDS.has(obj.kind)) delete obj.metadata.namespace;
    obj.metadata.uid ||= this.uuid();
    obj.metadata.creationTimestamp ||= this.timestamp();
    obj.metadata.resourceVersion = String(++this.state.resourceVersion);
    (this.state.objects[plural] ??= {})[objectKey(obj.metadata.namespace, obj.metadata.name)] = obj;
    this.#sorted.delete(plural);
    this.#indexCache = null;
    this.#record('added', plural, obj);
    return obj;
  }

  /** Records that a stored object was changed in place. */
  update(obj: KubeObject): void {
    const plural = PLURAL_OF_KIND[obj.kind]!;
    obj.metadata.resourceVersion = String(++this.state.resourceVersion);
    this.#record('modified', plural, obj);
  }

  /** Removes an object at once (no grace period) and drops its timers. */
  remove(obj: KubeObject): void {
    const plural = PLURAL_OF_KIND[obj.kind]!;
    const bucket = this.state.objects[plural];
    const key = objectKey(obj.metadata.namespace, obj.metadata.name);
    if (!bucket || bucket[key]?.metadata.uid !== obj.metadata.uid) return;
    delete bucket[key];
    this.#sorted.delete(plural);
    this.#indexCache = null;
    this.state.timers = this.state.timers.filter((t) => t.uid !== obj.metadata.uid);
    this.#record('deleted', plural, obj);
  }

  #record(type: Change['type'], plural: string, object: KubeObject): void {
    this.mutations++;
    this.#pending.push({ type, plural, object });
  }

  // ---- timers ------------------------------------------------------------------------------------

  addTimer(delayMs: number, action: TimerAction, obj: KubeObject): void {
    this.state.timers.push({
      at: this.now() + Math.max(0, Math.round(delayMs)),
      action,
      plural: PLURAL_OF_KIND[obj.kind]!,
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name,
      uid: obj.metadata.uid,
    });
    this.mutations++;
  }

  hasTimer(obj: KubeObject, action?: TimerAction): boolean {
    return this.state.timers.some((t) => t.uid === obj.metadata.uid && (!action || t.action === action));
  }

  clearTimers(obj: KubeObject): void {
    this.state.timers = this.state.timers.filter((t) => t.uid !== obj.metadata.uid);
  }

  // ---- events ------------------------------------------------------------------------------------

  /** Records a Kubernetes Event about `obj`, folding repeats into `count` like the API server. */
  recordEvent(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    host?: string,
  ): void {
    const namespace = obj.metadata.namespace ?? 'default';
    const now = this.timestamp();
    const existing = this.list<KubeEvent>('events', namespace).find(
      (e) =>
        e.involvedObject.uid === obj.metadata.uid &&
        e.reason === reason &&
        e.message === message &&
        e.type === type,
    );
    if (existing) {
      existing.count++;
      existing.lastTimestamp = now;
      this.update(existing);
      return;
    }
    const event: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        // Like the API server: the name ends in the creation time in hex, so names sort by time.
        name: `${obj.metadata.name}.${(BigInt(this.now()) * 1_000_000n + BigInt(++this.state.resourceVersion % 1_000_000)).toString(16)}`,
        namespace,
        uid: '',
        resourceVersion: '',
        creationTimestamp: now,
      },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: obj.metadata.name,
        ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
        uid: obj.metadata.uid,
      },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: host ? { component, host } : { component },
      reportingComponent: component,
      reportingInstance: host ?? '',
    };
    this.add(event);
    // Events expire after an hour on a real API server, and only so many are kept.
    const expired = this.timestamp(this.now() - 3_600_000);
    const events = this.list<KubeEvent>('events', namespace);
    for (const old of events) if (old.lastTimestamp < expired) this.remove(old);
    const kept = events.filter((e) => e.lastTimestamp >= expired);
    if (kept.length > MAX_EVENTS_PER_NAMESPACE) {
      kept
        .sort((a, b) => (a.lastTimestamp < b.lastTimestamp ? -1 : a.lastTimestamp > b.lastTimestamp ? 1 : 0))
        .slice(0, kept.length - MAX_EVENTS_PER_NAMESPACE)
        .forEach((e) => this.remove(e));
    }
  }

  // ---- commit ------------------------------------------------------------------------------------

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Lets the controllers converge, tells watchers what changed, re-arms timers and saves. */
  commit(): void {
    if (this.#closed) return;
    this.#hooks.reconcile(this);
    const changes = this.#pending;
    this.#pending = [];
    this.#arm();
    if (changes.length) this.#queueSave();
    if (!changes.length) return;
    for (const listener of [...this.#listeners]) listener(changes);
  }

  /** Applies every timer that is due (after a restart, everything that happened while down). */
  runDueTimers(until = this.now()): void {
    for (let guard = 0; guard < 10_000; guard++) {
      const due = this.state.timers
        .filter((t) => t.at <= until)
        .sort((a, b) => a.at - b.at || a.name.localeCompare(b.name));
      if (!due.length) break;
      const first = due[0]!;
      // Timers due at the same instant are applied together, so watchers see them as one step.
      const batch = due.filter((t) => t.at === first.at);
      this.clock.reach(first.at);
      this.state.timers = this.state.timers.filter((t) => !batch.includes(t));
      for (const timer of batch) this.#hooks.applyTimer(this, timer);
      this.commit();
    }
  }

  #arm(): void {
    const next = this.state.timers.reduce((min, t) => Math.min(min, t.at), Infinity);
    if (next === this.#armedAt && this.#cancelTimer) return;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#armedAt = next;
    if (next === Infinity || this.#closed) return;
    this.#cancelTimer = this.clock.after(next - this.now(), () => {
      this.#cancelTimer = null;
      this.#armedAt = Infinity;
      // The wall timer may fire a hair early against the simulated clock; the timer it was set for is due.
      this.runDueTimers(Math.max(this.now(), next));
      this.#arm();
    });
  }

  serialize(): string {
    this.state.savedAt = this.now();
    return JSON.stringify(this.state);
  }

  #queueSave(): void {
    if (!this.#hooks.persist || this.#saveQueued) return;
    this.#saveQueued = true;
    // Coalesces the commits of one tick (a rollout step touches several objects) into one write.
    queueMicrotask(() => this.flush());
  }

  /** Saves now if a save is pending. */
  flush(): void {
    if (!this.#saveQueued) return;
    this.#saveQueued = false;
    try {
      this.#hooks.persist?.(this.serialize());
    } catch (error) {
      // A failed save must not stop the simulation; the next change tries again.
      process.emitWarning(`sandbox: could not save the cluster: ${String(error)}`);
    }
  }

  close(): void {
    this.flush();
    this.#closed = true;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#listeners.clear();
  }
}
