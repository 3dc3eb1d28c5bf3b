/** The describe writer (tab-separated cells, aligned like kubectl's tabwriter) and the sections every kind shares. */
import type { Cluster } from '../../cluster.js';
import type { KubeEvent, KubeObject, Labels } from '../../model.js';
import { age } from '../age.js';
import { tabwrite } from '../tabwriter.js';

export class Writer {
  readonly #lines: string[] = [];
  /** One line at an indentation level (two spaces each); cells separated by tabs align as a table. */
  line(level: number, ...cells: string[]): void {
    this.#lines.push('  '.repeat(level) + cells.join('\t'));
  }
  /** `Key:\tfirst` then `\tnext` lines, or `<none>`. */
  multi(level: number, key: string, values: readonly string[]): void {
    if (!values.length) {
      this.line(level, `${key}:`, '<none>');
      return;
    }
    values.forEach((v, i) => this.line(level, i === 0 ? `${key}:` : '', v));
  }
  toString(): string {
    return tabwrite(this.#lines.join('\n')) + '\n';
  }
}

export const labelLines = (labels: Labels | undefined): string[] =>
  Object.entries(labels ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);

export const annotationLines = (annotations: Labels | undefined): string[] =>
  Object.entries(annotations ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}: ${v}`);

export const selectorString = (labels: Labels | undefined): string =>
  Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',') || '<none>';

export function header(w: Writer, obj: KubeObject, namespaced = true): void {
  w.line(0, 'Name:', obj.metadata.name);
  if (namespaced) w.line(0, 'Namespace:', obj.metadata.namespace ?? '');
}

export function metaLines(w: Writer, obj: KubeObject): void {
  w.multi(0, 'Labels', labelLines(obj.metadata.labels));
  w.multi(0, 'Annotations', annotationLines(obj.metadata.annotations));
}

export function eventsFor(c: Cluster, obj: KubeObject): KubeEvent[] {
  return c
    .list<KubeEvent>('events', obj.metadata.namespace ?? 'default')
    .filter((e) => e.involvedObject.uid === obj.metadata.uid)
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

export function events(w: Writer, c: Cluster, obj: KubeObject): void {
  const list = eventsFor(c, obj);
  if (!list.length) {
    w.line(0, 'Events:', '<none>');
    return;
  }
  const now = c.now();
  w.line(0, 'Events:');
  w.line(1, 'Type', 'Reason', 'Age', 'From', 'Message');
  w.line(1, '----', '------', '----', '----', '-------');
  for (const e of list) {
    const when =
      e.count > 1
        ? `${age(e.lastTimestamp, now)} (x${e.count} over ${age(e.firstTimestamp, now)})`
        : age(e.lastTimestamp, now);
    w.line(1, e.type, e.reason, when, e.source.component, e.message);
  }
}
