import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';

/** Everything the server reads from its environment, resolved once at start. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** Demo mode seeds four users and generates a secret; outside it, users come from a file. */
  readonly demo: boolean;
  readonly demoPassword: string;
  readonly usersFile: string | null;
  readonly jwtSecret: Uint8Array;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  /** Origins allowed to open the WebSocket and call the API cross-origin (same origin always works). */
  readonly allowedOrigins: readonly string[];
  readonly executor: 'sandbox' | 'kubectl';
  readonly kubectlPath: string;
  readonly kubeconfig: string | null;
  readonly kubectlContext: string | null;
  readonly commandTimeoutMs: number;
  /** Speeds up (below 1) or slows down the sandbox cluster's clock; tests use 0.05. */
  readonly sandboxTimeScale: number;
  readonly approvalTtlSeconds: number;
  /** Dangerous commands need an admin other than the requester unless this is on. */
  readonly allowSelfApproval: boolean;
  /** A dangerous approval needs a login (or password) at most this old. */
  readonly stepUpMaxAgeSeconds: number;
  readonly rateLimitPerMinute: number;
  readonly llm: { url: string; model: string; apiKey: string | null; timeoutMs: number } | null;
  readonly secureCookies: boolean;
  readonly logRequests: boolean;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}".`);
  return value;
}

const bool = (env: Env, name: string, fallback: boolean) =>
  env[name] === undefined || env[name] === ''
    ? fallback
    : ['1', 'true', 'yes', 'on'].includes(env[name]!.toLowerCase());

/** Reads the configuration; throws ConfigError with a message that says what to set. */
export function loadConfig(env: Env = process.env): ServerConfig {
  const dataDir = resolve(env.KUBECHAT_DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });
  const usersFile = env.KUBECHAT_USERS_FILE ? resolve(env.KUBECHAT_USERS_FILE) : null;
  const demo =
    usersFile === null && !['0', 'false', 'no', 'off'].includes((env.KUBECHAT_DEMO ?? '').toLowerCase());
  if (!demo && !usersFile) {
    throw new ConfigError('Outside demo mode the server needs KUBECHAT_USERS_FILE (a JSON file of users).');
  }

  let secret = env.KUBECHAT_JWT_SECRET ?? '';
  if (secret && secret.length < 32)
    throw new ConfigError('KUBECHAT_JWT_SECRET must be at least 32 characters.');
  if (!secret) {
    if (!demo)
      throw new ConfigError('KUBECHAT_JWT_SECRET is required outside demo mode (32+ random characters).');
    // Demo mode: a random secret kept in the data directory so tokens survive a restart.
    const file = join(dataDir, 'jwt-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    secret = readFileSync(file, 'utf8').trim();
  }

  const executor = (env.KUBECHAT_EXECUTOR ?? 'sandbox') as ServerConfig['executor'];
  if (executor !== 'sandbox' && executor !== 'kubectl') {
    throw new ConfigError(`KUBECHAT_EXECUTOR must be "sandbox" or "kubectl", got "${executor}".`);
  }
  const llmUrl = env.KUBECHAT_LLM_URL;
  return {
    port: int(env, 'PORT', 8080),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    demo,
    demoPassword: env.KUBECHAT_DEMO_PASSWORD || 'kubechat-demo',
    usersFile,
    jwtSecret: new TextEncoder().encode(secret),
    accessTokenTtlSeconds: int(env, 'KUBECHAT_ACCESS_TTL_SECONDS', 900, 5),
    refreshTokenTtlSeconds: int(env, 'KUBECHAT_REFRESH_TTL_SECONDS', 7 * 24 * 3600, 60),
    allowedOrigins: (env.KUBECHAT_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    executor,
    kubectlPath: env.KUBECHAT_KUBECTL ?? 'kubectl',
    kubeconfig: env.KUBECONFIG ?? null,
    kubectlContext: env.KUBECHAT_KUBE_CONTEXT ?? null,
    commandTimeoutMs: int(env, 'KUBECHAT_COMMAND_TIMEOUT_MS', 5 * 60_000, 100),
    sandboxTimeScale: Number(env.KUBECHAT_SANDBOX_TIME_SCALE ?? 1) || 1,
    approvalTtlSeconds: int(env, 'KUBECHAT_APPROVAL_TTL_SECONDS', 15 * 60, 1),
    allowSelfApproval: bool(env, 'KUBECHAT_ALLOW_SELF_APPROVAL', false),
    stepUpMaxAgeSeconds: int(env, 'KUBECHAT_STEP_UP_MAX_AGE_SECONDS', 15 * 60, 0),
    rateLimitPerMinute: int(env, 'KUBECHAT_RATE_LIMIT_PER_MINUTE', 600, 1),
    llm: llmUrl
      ? {
          url: llmUrl,
          model: env.KUBECHAT_LLM_MODEL ?? 'gpt-4o-mini',
          apiKey: env.KUBECHAT_LLM_API_KEY ?? null,
          timeoutMs: int(env, 'KUBECHAT_LLM_TIMEOUT_MS', 15_000, 100),
        }
      : null,
    secureCookies: bool(env, 'KUBECHAT_SECURE_COOKIES', false),
    logRequests: bool(env, 'KUBECHAT_LOG_REQUESTS', false),
  };
}
