import { redactionMarker, type RedactionKind } from '@k8s-chat/contract';

/**
 * Redaction rules that need only one line of text. Each rule keeps the words around a secret (the key,
 * "Bearer", the quotes) so a reader still sees what was there, and replaces the value with a marker.
 */
interface LineRule {
  readonly kind: RedactionKind;
  readonly pattern: RegExp;
  /** Returns the replacement for one match; `null` keeps the match as it was. */
  readonly replace: (match: RegExpExecArray) => string | null;
}

const marker = redactionMarker;

/** A private key written on one line (JSON strings escape its line breaks as `\n`). */
const INLINE_PRIVATE_KEY =
  /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----(\\n)?/g;

const JWT = /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g;
const AUTH_HEADER = /\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]{12,}/gi;
/** Token shapes issued by well-known providers (AWS access keys, GitHub, GitLab, Slack, OpenAI-style). */
const PROVIDER_TOKEN =
  /\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{30,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-[A-Za-z0-9_-]{20,})\b/g;

/**
 * `password: x`, `--token=x`, `"apiKey": "x"`, `DB_PASSWORD=x`. The key must contain a credential word;
 * keys that only name or point at a secret (`secretName`, `tokenPath`) are left alone, and so are values
 * that cannot be secrets (booleans, numbers, `<none>`).
 */
const CREDENTIAL_PAIR =
  /((?:^|[^\w])[\w.-]*?(password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|client[_-]?secret|private[_-]?key|credentials?)[\w.-]*)(["']?[ \t]*[:=][ \t]*)(["']?)([^\s"',;}]+)/gi;
const NOT_A_SECRET_KEY =
  /(name|names|ref|refs|path|file|type|mode|secrets|tokens|seconds|ttl|expiration|audience)$/i;
const NOT_A_SECRET_VALUE = /^(true|false|null|none|\d+|<.*|\[REDACTED.*|\*+)$/i;

/** The `data` of a Secret inside one-line JSON (the last-applied-configuration annotation). */
const INLINE_SECRET_DATA = /("(?:data|stringData)"\s*:\s*\{)([^{}]*)(\})/g;
const JSON_STRING_VALUE = /("[^"]+"\s*:\s*)"[^"]*"/g;

/** Long base64 runs: mixed case and digits, so hex digests and plain words are not taken for secrets. */
const BASE64_BLOB = /(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])/g;

const RULES: readonly LineRule[] = [
  { kind: 'private key', pattern: INLINE_PRIVATE_KEY, replace: () => marker('private key') },
  { kind: 'token', pattern: JWT, replace: () => marker('token') },
  { kind: 'token', pattern: AUTH_HEADER, replace: (m) => `${m[1]}${m[2]}${marker('token')}` },
  { kind: 'token', pattern: PROVIDER_TOKEN, replace: () => marker('token') },
  {
    kind: 'secret data',
    pattern: INLINE_SECRET_DATA,
    replace: (m) => `${m[1]}${m[2]!.replace(JSON_STRING_VALUE, `$1"${marker('secret data')}"`)}${m[3]}`,
  },
  {
    kind: 'password',
    pattern: CREDENTIAL_PAIR,
    replace: (m) => {
      const [, key, word, separator, quote, value] = m as unknown as string[];
      if (NOT_A_SECRET_KEY.test(key!.replace(/^[^\w]/, '')) || NOT_A_SECRET_VALUE.test(value!)) return null;
      const kind: RedactionKind = /pass|pwd/i.test(word!) ? 'password' : 'token';
      return `${key}${separator}${quote}${marker(kind)}`;
    },
  },
  {
    kind: 'base64 blob',
    pattern: BASE64_BLOB,
    replace: (m) =>
      /[A-Z]/.test(m[0]) && /[a-z]/.test(m[0]) && /\d/.test(m[0]) ? marker('base64 blob') : null,
  },
];

/** Applies every one-line rule to `line`. */
export function redactLine(line: string): string {
  let text = line;
  for (const rule of RULES) {
    text = text.replace(rule.pattern, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      return rule.replace(match) ?? (args[0] as string);
    });
  }
  return text;
}
