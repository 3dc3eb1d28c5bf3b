import { html, nothing, svg } from 'lit';
import { formatString, strings, type ExecutionStats } from '@k8s-chat/core';
import { formatDuration, formatTime } from './format.js';

/** The summary from `/commands/stats`: totals, success rate, average duration, top resources, chart. */
export function renderSummary(stats: ExecutionStats, compact: boolean) {
  // Upstream sends a percentage, the reference server a fraction.
  const rate = `${Math.round(stats.success_rate * (stats.success_rate <= 1 ? 100 : 1))} %`;
  const top =
    stats.top_resources
      .slice(0, 3)
      .map((r) => `${r.resource} (${r.count})`)
      .join(', ') || '—';
  return html`<section part="summary" aria-label=${strings['history.summary']}>
    <dl>
      <div>
        <dt>${strings['history.summary.total']}</dt>
        <dd>${stats.total_executions}</dd>
      </div>
      <div>
        <dt>${strings['history.summary.success-rate']}</dt>
        <dd>${rate}</dd>
      </div>
      <div>
        <dt>${strings['history.summary.average']}</dt>
        <dd>${formatDuration(stats.average_time_ms)}</dd>
      </div>
      ${
        compact
          ? nothing
          : html`<div>
              <dt>${strings['history.summary.top']}</dt>
              <dd>${top}</dd>
            </div>`
      }
    </dl>
    ${compact ? nothing : renderChart(stats)}
  </section>`;
}

/**
 * Executions over time as bars (failures overlaid). The SVG is one image whose label says what a sighted
 * reader takes from it: the total, the span and the busiest interval.
 */
export function renderChart(stats: ExecutionStats) {
  const series = stats.series;
  if (series.length === 0) return nothing;
  const max = Math.max(1, ...series.map((b) => b.total));
  const width = 100 / series.length;
  const peak = series.reduce((a, b) => (b.total > a.total ? b : a), series[0]!);
  const label = formatString('history.chart', {
    total: stats.total_executions,
    buckets: series.length,
    from: formatTime(stats.from),
    to: formatTime(stats.to),
    peak: formatTime(peak.start),
    count: peak.total,
    failed: peak.failed,
  });
  return html`<svg
    part="chart"
    role="img"
    aria-label=${label}
    viewBox="0 0 100 40"
    preserveAspectRatio="none"
  >
    ${series.map((b, i) => {
      const h = (b.total / max) * 40;
      const f = (b.failed / max) * 40;
      const x = i * width + width * 0.1;
      return svg`<rect class="bar" x=${x} y=${40 - h} width=${width * 0.8} height=${h}></rect>
        <rect class="failed" x=${x} y=${40 - f} width=${width * 0.8} height=${f}></rect>`;
    })}
  </svg>`;
}
