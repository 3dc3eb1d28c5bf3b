/** Human-readable duration: `850 ms`, `4.2 s`, `3 min 5 s`; an em dash when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

// `toLocaleString` builds a new formatter on every call, which showed up in every filter's render (one
// call per visible row). These are the same formats (`toLocaleString()` with no options means numeric
// date and time), built once: the browser's default locale is fixed for the life of the page.
let formatters: { full: Intl.DateTimeFormat; compact: Intl.DateTimeFormat } | null = null;

function formattersNow() {
  if (!formatters) {
    formatters = {
      full: new Intl.DateTimeFormat(undefined, {
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
      compact: new Intl.DateTimeFormat(undefined, {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
    };
  }
  return formatters;
}

/** A timestamp for people, or an em dash. */
export function formatTime(iso: string | null, compact = false): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const f = formattersNow();
  return (compact ? f.compact : f.full).format(date);
}

/** `1.2 MB`-style byte counts. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
