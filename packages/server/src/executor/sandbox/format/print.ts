/**
 * The printers behind `-o`: tables (with NAMESPACE, LABELS, -L columns, kind prefixes), `name`,
 * `json`, `yaml`, `jsonpath=…` and `custom-columns=…`.
 */
import type { ResourceKind } from '../../../kubectl/index.js';
import type { KubeObject } from '../model.js';
import { objectRef } from '../commands/errors.js';
import { columnsFor } from './columns.js';
import { pathValues, renderJsonPath } from './jsonpath.js';
import { toList, toManifest } from './manifest.js';
import { renderTable } from './table.js';
import { toJson, toYaml } from './yaml.js';

export interface TableOptions {
  readonly wide: boolean;
  /** Prefix names with their kind (`pod/…`), as kubectl does when several kinds are printed. */
  readonly prefix: boolean;
  readonly namespaceColumn: boolean;
  readonly showLabels: boolean;
  readonly labelColumns: readonly string[];
  readonly noHeaders: boolean;
}

export const OUTPUT_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Whether this sandbox prints `-o <format>`; the error otherwise is kubectl's. */
export function supportedOutput(output: string | null): boolean {
  if (output === null) return true;
  return (
    ['wide', 'yaml', 'json', 'name'].includes(output) ||
    output.startsWith('jsonpath=') ||
    output.startsWith('jsonpath-as-json=') ||
    output.startsWith('custom-columns=')
  );
}

export function unsupportedOutputError(output: string): string {
  return `error: unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUT_FORMATS}`;
}

export function tableRows(
  kind: ResourceKind,
  objects: readonly KubeObject[],
  options: TableOptions,
  now: number,
): { headers: string[]; rows: string[][] } {
  const columns = columnsFor(kind.plural);
  const headers = [...columns.headers];
  if (options.wide && columns.wideHeaders) headers.push(...columns.wideHeaders);
  const labelHeaders = options.labelColumns.map((key) => key.slice(key.lastIndexOf('/') + 1).toUpperCase());
  headers.push(...labelHeaders);
  if (options.showLabels) headers.push('LABELS');
  const namespaced = options.namespaceColumn && kind.namespaced;
  if (namespaced) headers.unshift('NAMESPACE');
  const rows = objects.map((obj) => {
    const row = columns.row(obj, now);
    if (kind.plural !== 'events' && options.prefix) row[0] = objectRef(kind, row[0]!);
    if (options.wide && columns.wide) row.push(...columns.wide(obj, now));
    for (const key of options.labelColumns) row.push(obj.metadata.labels?.[key] ?? '');
    if (options.showLabels) {
      const labels = Object.entries(obj.metadata.labels ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      row.push(labels || '<none>');
    }
    if (namespaced) row.unshift(obj.metadata.namespace ?? '');
    return row;
  });
  return { headers, rows };
}

export function printTable(
  kind: ResourceKind,
  objects: readonly KubeObject[],
  options: TableOptions,
  now: number,
): string {
  const { headers, rows } = tableRows(kind, objects, options, now);
  return renderTable(options.noHeaders ? null : headers, rows);
}

export function printNames(items: readonly { kind: ResourceKind; object: KubeObject }[]): string {
  return items.map(({ kind, object }) => `${objectRef(kind, object.metadata.name)}\n`).join('');
}

/** `-o json|yaml|jsonpath=…|custom-columns=…`; throws JsonPathError for a malformed template. */
export function printStructured(output: string, objects: readonly KubeObject[], single: boolean): string {
  const data = single && objects.length === 1 ? toManifest(objects[0]!) : toList(objects);
  if (output === 'json') return toJson(data);
  if (output === 'yaml') return toYaml(data);
  if (output.startsWith('jsonpath='))
    return renderJsonPath(stripQuotes(output.slice('jsonpath='.length)), data);
  if (output.startsWith('jsonpath-as-json=')) {
    const values = pathValues(stripQuotes(output.slice('jsonpath-as-json='.length)), data);
    return toJson(values);
  }
  return printCustomColumns(output.slice('custom-columns='.length), objects);
}

function stripQuotes(text: string): string {
  return /^(['"]).*\1$/s.test(text) ? text.slice(1, -1) : text;
}

function printCustomColumns(spec: string, objects: readonly KubeObject[]): string {
  const columns = spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    return { header: part.slice(0, colon), path: part.slice(colon + 1) };
  });
  const rows = objects.map((obj) => {
    const manifest = toManifest(obj);
    return columns.map(({ path }) => {
      const values = pathValues(path, manifest);
      if (!values.length) return '<none>';
      return values
        .map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)))
        .join(',');
    });
  });
  return renderTable(
    columns.map((c) => c.header),
    rows,
  );
}

/** Sorts like `--sort-by=.metadata.creationTimestamp`: numbers numerically, the rest as text. */
export function sortByPath<T extends KubeObject>(objects: readonly T[], path: string): T[] {
  const key = (obj: T): unknown => pathValues(path, toManifest(obj))[0];
  return [...objects].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (x === undefined) return y === undefined ? 0 : -1;
    if (y === undefined) return 1;
    return String(x).localeCompare(String(y));
  });
}
