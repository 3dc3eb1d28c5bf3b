import type { SandboxStore } from '../types.js';

/** A SandboxStore in memory, for tests and for a server that does not keep the sandbox between runs. */
export interface MemorySandboxStore extends SandboxStore {
  /** The last saved JSON, or null. */
  readonly json: string | null;
  /** How many times the cluster was saved. */
  readonly saves: number;
}

export function createMemorySandboxStore(initial: string | null = null): MemorySandboxStore {
  let json = initial;
  let saves = 0;
  return {
    load: () => json,
    save(next) {
      json = next;
      saves++;
    },
    get json() {
      return json;
    },
    get saves() {
      return saves;
    },
  };
}
