import type { ServerConfig } from './config.js';
import type { Db } from './db/database.js';
import type { Executor, SandboxStore } from './executor/types.js';
import { createKubectlExecutor, createSandboxExecutor } from './executor/index.js';
import { classifyCommand, createNlpService } from './nlp/index.js';
import type { ClassifyPort, NlpServicePort } from './ports.js';

/** The sandbox cluster's state lives in the same database as everything else. */
export function sqliteSandboxStore(db: Db): SandboxStore {
  return {
    load: () =>
      (db.prepare('SELECT json FROM sandbox_state WHERE id = 1').get() as { json: string } | undefined)
        ?.json ?? null,
    save: (json) =>
      void db
        .prepare(
          'INSERT INTO sandbox_state (id, json, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at',
        )
        .run(json, new Date().toISOString()),
  };
}

/** The translator, the classifier and the executor the configuration asks for. */
export function createRuntime(
  config: ServerConfig,
  db: Db,
): { nlp: NlpServicePort; classify: ClassifyPort; executor: Executor } {
  const executor =
    config.executor === 'kubectl'
      ? createKubectlExecutor({
          kubectlPath: config.kubectlPath,
          ...(config.kubeconfig ? { kubeconfig: config.kubeconfig } : {}),
          ...(config.kubectlContext ? { context: config.kubectlContext } : {}),
        })
      : createSandboxExecutor({ store: sqliteSandboxStore(db), timeScale: config.sandboxTimeScale });
  const nlp = createNlpService(config.llm ? { llm: config.llm } : {});
  return {
    nlp: nlp as unknown as NlpServicePort,
    classify: classifyCommand as unknown as ClassifyPort,
    executor,
  };
}
