/**
 * Label selectors as `-l` takes them (`app=web`, `tier!=cache`, `env in (prod,staging)`,
 * `env notin (dev)`, `release`, `!canary`, comma-separated) and the field selectors the API server
 * supports for every kind (`metadata.name`, `metadata.namespace`) plus pods' `spec.nodeName` and
 * `status.phase`.
 */
import type { KubeObject, Labels, Pod } from './model.js';

export interface Requirement {
  readonly key: string;
  readonly op: 'eq' | 'neq' | 'in' | 'notin' | 'exists' | 'notexists';
  readonly values: readonly string[];
}

export type SelectorResult = { ok: true; requirements: Requirement[] } | { ok: false; error: string };

const KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(current.trim());
      current = '';
    } else current += ch;
  }
  terms.push(current.trim());
  return terms;
}

export function parseLabelSelector(text: string): SelectorResult {
  const requirements: Requirement[] = [];
  if (!text.trim()) return { ok: true, requirements };
  for (const term of splitTerms(text)) {
    let m: RegExpExecArray | null;
    let req: Requirement | null = null;
    if ((m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term))) {
      const values = m[3]!.split(',').map((v) => v.trim());
      req = { key: m[1]!, op: m[2] === 'in' ? 'in' : 'notin', values };
    } else if ((m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term))) {
      req = { key: m[1]!, op: m[2] === '!=' ? 'neq' : 'eq', values: [m[3]!] };
    } else if ((m = /^!\s*(\S+)$/.exec(term))) {
      req = { key: m[1]!, op: 'notexists', values: [] };
    } else if ((m = /^(\S+)$/.exec(term))) {
      req = { key: m[1]!, op: 'exists', values: [] };
    }
    if (!req)
      return { ok: false, error: `unable to parse requirement: found '${term}', expected: identifier` };
    if (!KEY.test(req.key)) {
      return {
        ok: false,
        error: `unable to parse requirement: values[0][${req.key}]: Invalid value: "${req.key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      };
    }
    const bad = req.values.find((v) => !VALUE.test(v) || v.length > 63);
    if (bad !== undefined) {
      return {
        ok: false,
        error: `unable to parse requirement: values[0][${req.key}]: Invalid value: "${bad}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
      };
    }
    requirements.push(req);
  }
  return { ok: true, requirements };
}

export function matchesLabels(requirements: readonly Requirement[], labels: Labels | undefined): boolean {
  const l = labels ?? {};
  return requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const value = l[r.key];
    switch (r.op) {
      case 'eq':
        return has && value === r.values[0];
      case 'neq':
        return !has || value !== r.values[0];
      case 'in':
        return has && r.values.includes(value!);
      case 'notin':
        return !has || !r.values.includes(value!);
      case 'exists':
        return has;
      case 'notexists':
        return !has;
    }
  });
}

export interface FieldRequirement {
  readonly field: string;
  readonly negate: boolean;
  readonly value: string;
}

const FIELD_GETTERS: Record<string, (obj: KubeObject) => string | undefined> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
  'spec.nodeName': (o) => (o.kind === 'Pod' ? ((o as Pod).spec.nodeName ?? '') : undefined),
  'status.phase': (o) => (o.kind === 'Pod' ? (o as Pod).status.phase : undefined),
  'spec.restartPolicy': (o) => (o.kind === 'Pod' ? (o as Pod).spec.restartPolicy : undefined),
  'spec.serviceAccountName': (o) => (o.kind === 'Pod' ? (o as Pod).spec.serviceAccountName : undefined),
  'status.podIP': (o) => (o.kind === 'Pod' ? ((o as Pod).status.podIP ?? '') : undefined),
};

export type FieldSelectorResult =
  { ok: true; requirements: FieldRequirement[] } | { ok: false; error: string };

export function parseFieldSelector(text: string, kind: string, plural: string): FieldSelectorResult {
  const requirements: FieldRequirement[] = [];
  for (const term of text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)) {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
    if (!m) return { ok: false, error: `invalid selector: '${text}'; can't understand '${term}'` };
    const field = m[1]!.trim();
    const getter = FIELD_GETTERS[field];
    const podOnly = field !== 'metadata.name' && field !== 'metadata.namespace';
    if (!getter || (podOnly && kind !== 'Pod')) {
      return {
        ok: false,
        error: `Error from server (BadRequest): Unable to find "/v1, Resource=${plural}" that match label selector "", field selector "${text}": "${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
      };
    }
    requirements.push({ field, negate: m[2] === '!=', value: m[3]!.trim() });
  }
  return { ok: true, requirements };
}

export function matchesFields(requirements: readonly FieldRequirement[], obj: KubeObject): boolean {
  return requirements.every((r) => {
    const actual = FIELD_GETTERS[r.field]?.(obj);
    return r.negate ? actual !== r.value : actual === r.value;
  });
}
