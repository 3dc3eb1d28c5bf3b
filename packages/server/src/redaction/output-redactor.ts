import { redactionMarker } from '@k8s-chat/contract';
import { redactLine } from './line-rules.js';

/** A base64 value as the Kubernetes API serves Secret data (long enough not to be a plain word). */
const BASE64_VALUE = /^[A-Za-z0-9+/]{8,}={0,2}$/;
const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----/;
const YAML_DATA_BLOCK = /^(\s*)(data|stringData):\s*$/;
const YAML_ENTRY = /^(\s*)([^\s:#][^:]*:\s+)(.+)$/;
const JSON_DATA_BLOCK = /^(\s*)"(data|stringData)":\s*\{\s*$/;
const JSON_ENTRY = /^(\s*"[^"]+":\s*)"[^"]*"(,?)\s*$/;
/** A partial line longer than this is redacted and sent anyway, so a stream never stalls on it. */
const MAX_PENDING = 16 * 1024;

export interface OutputRedactorOptions {
  /** The command reads Secrets: every value under `data`/`stringData` is hidden, base64 or not. */
  readonly readsSecrets?: boolean;
}

type Block =
  | { readonly type: 'pem'; readonly label: string }
  | { readonly type: 'yaml-data' | 'json-data'; readonly indent: number }
  | null;

/**
 * Redacts one output stream as it arrives. Output comes in chunks that may split a line or a private key,
 * so it works on whole lines: the tail after the last newline waits for the next chunk (or `flush()`),
 * and multi-line secrets (PEM private keys, the `data:` block of a Secret in YAML or JSON) are tracked
 * across lines.
 */
export class OutputRedactor {
  readonly #readsSecrets: boolean;
  #pending = '';
  #block: Block = null;

  constructor(options: OutputRedactorOptions = {}) {
    this.#readsSecrets = options.readsSecrets ?? false;
  }

  /** Redacts the complete lines in `chunk` (plus what was pending) and returns them; may return ''. */
  push(chunk: string): string {
    const text = this.#pending + chunk;
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline === -1 && text.length <= MAX_PENDING) {
      this.#pending = text;
      return '';
    }
    const cut = lastNewline === -1 ? text.length : lastNewline + 1;
    this.#pending = text.slice(cut);
    return this.#redactLines(text.slice(0, cut));
  }

  /** Redacts and returns whatever is still pending; call once when the stream ends. */
  flush(): string {
    const rest = this.#pending;
    this.#pending = '';
    return rest === '' ? '' : this.#redactLines(rest);
  }

  /** Redacts `text` line by line; a dropped line takes its line break with it. */
  #redactLines(text: string): string {
    const lines = text.split('\n');
    const last = lines.pop()!; // after the final '\n' (usually ''): a line without a break
    let out = '';
    for (const line of lines) {
      const kept = this.#redactLine(line);
      if (kept !== null) out += `${kept}\n`;
    }
    if (last !== '') out += this.#redactLine(last) ?? '';
    return out;
  }

  /** One line; `null` drops it (the inside of a private key already replaced by one marker). */
  #redactLine(line: string): string | null {
    const block = this.#block;
    if (block?.type === 'pem') {
      if (line.includes(`-----END ${block.label}PRIVATE KEY-----`)) this.#block = null;
      return null;
    }
    if (block && (block.type === 'yaml-data' || block.type === 'json-data')) {
      const kept = this.#dataLine(line, block.type, block.indent);
      if (kept !== undefined) return kept;
    }

    const pem = PEM_BEGIN.exec(line);
    if (pem && !line.includes(`-----END ${pem[1]}PRIVATE KEY-----`)) {
      this.#block = { type: 'pem', label: pem[1]! };
      return `${line.slice(0, pem.index)}${redactionMarker('private key')}`;
    }
    const yaml = YAML_DATA_BLOCK.exec(line);
    if (yaml) this.#block = { type: 'yaml-data', indent: yaml[1]!.length };
    const json = JSON_DATA_BLOCK.exec(line);
    if (json) this.#block = { type: 'json-data', indent: json[1]!.length };
    return redactLine(line);
  }

  /**
   * A line inside a `data:` block: the value is hidden when the command reads Secrets or the value is
   * base64. Returns `undefined` when the line ends the block (so it is handled as an ordinary line).
   */
  #dataLine(line: string, type: 'yaml-data' | 'json-data', indent: number): string | undefined {
    const lineIndent = /^\s*/.exec(line)![0].length;
    if (type === 'yaml-data') {
      const entry = YAML_ENTRY.exec(line);
      if (line.trim() === '' || lineIndent <= indent || !entry) {
        this.#block = null;
        return undefined;
      }
      const value = entry[3]!.trim();
      return this.#hides(value.replace(/^["']|["']$/g, ''))
        ? `${entry[1]}${entry[2]}${redactionMarker('secret data')}`
        : redactLine(line);
    }
    if (/^\s*\}/.test(line) && lineIndent <= indent) {
      this.#block = null;
      return undefined;
    }
    const entry = JSON_ENTRY.exec(line);
    if (!entry) return redactLine(line);
    const value = /"([^"]*)"(,?)\s*$/.exec(line)![1]!;
    return this.#hides(value)
      ? `${entry[1]}"${redactionMarker('secret data')}"${entry[2]}`
      : redactLine(line);
  }

  #hides(value: string): boolean {
    return this.#readsSecrets || (BASE64_VALUE.test(value) && value.length % 4 === 0);
  }
}

/** Redacts a whole text at once (a chat message, a stored error). */
export function redactText(text: string, options: OutputRedactorOptions = {}): string {
  const redactor = new OutputRedactor(options);
  return redactor.push(text) + redactor.flush();
}
