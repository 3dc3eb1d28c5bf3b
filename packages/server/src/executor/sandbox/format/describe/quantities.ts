/** CPU and memory quantities as Kubernetes writes them (`500m`, `128Mi`). */

/** Millicores from `500m`, `1`, `0.5`. */
export function parseCpu(value: string | undefined): number {
  if (!value) return 0;
  return value.endsWith('m') ? Number(value.slice(0, -1)) : Math.round(Number(value) * 1000);
}

const MEMORY_UNITS: Record<string, number> = {
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  k: 1e3,
  M: 1e6,
  G: 1e9,
};

/** Bytes from `128Mi`, `1Gi`, `15242608Ki`. */
export function parseMemory(value: string | undefined): number {
  if (!value) return 0;
  const m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(value);
  if (!m) return 0;
  return Number(m[1]) * (MEMORY_UNITS[m[2]!] ?? 1);
}

export const formatCpu = (milli: number): string =>
  milli === 0 ? '0' : milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;

export function formatMemory(bytes: number): string {
  if (bytes === 0) return '0';
  if (bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3}Gi`;
  if (bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2}Mi`;
  return `${Math.round(bytes / 1024)}Ki`;
}
