import { html, nothing, type TemplateResult } from 'lit';
import { EXECUTION_STATUSES, SAFETY_LEVELS, strings } from '@k8s-chat/core';
import { TIME_PRESETS, type HistoryFilters } from './k8s-command-history.types.js';

/** What the filter bar needs from the element. */
export interface FilterBarView {
  readonly filters: HistoryFilters;
  readonly compact: boolean;
  /** Only admins can look at other users' runs, so only they get the user filter. */
  readonly isAdmin: boolean;
  readonly customRange: boolean;
  /** A filter changed by the reader: attribute-style key and new value. */
  readonly onChange: (patch: Partial<Record<keyof HistoryFilters, string>>) => void;
  readonly onCustomRange: (on: boolean) => void;
  /** The export controls, which sit in the bar. */
  readonly exportControls: TemplateResult;
}

/** A `datetime-local` value for an ISO time, in the reader's time zone. */
function localInput(iso: string): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  return Number.isNaN(time)
    ? ''
    : new Date(time - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement).value;

/** The filter bar: every filter as a labelled native control, so keyboards and screen readers just work. */
export function renderFilterBar(v: FilterBarView) {
  const f = v.filters;
  const preset = v.customRange
    ? 'custom'
    : (TIME_PRESETS as readonly string[]).includes(f.since)
      ? f.since
      : '';
  const text = (key: 'namespace' | 'sessionId' | 'user', name: string, label: string) =>
    html`<label
      >${label}
      <input name=${name} .value=${f[key]} @change=${(e: Event) => v.onChange({ [key]: value(e) })} />
    </label>`;
  const iso = (e: Event) => {
    const time = Date.parse(value(e));
    return Number.isNaN(time) ? '' : new Date(time).toISOString();
  };
  return html`<form
    part="filters"
    role="search"
    aria-label=${strings['history.filters']}
    @submit=${(e: Event) => e.preventDefault()}
  >
    <label
      >${strings['history.filter.search']}
      <input type="search" name="q" .value=${f.q} @input=${(e: Event) => v.onChange({ q: value(e) })} />
    </label>
    <label
      >${strings['history.filter.status']}
      <select name="status" @change=${(e: Event) => v.onChange({ status: value(e) })}>
        <option value="" ?selected=${!f.status}>${strings['history.filter.any']}</option>
        ${EXECUTION_STATUSES.map(
          (s) =>
            html`<option value=${s} ?selected=${f.status === s}>${strings[`history.status.${s}`]}</option>`,
        )}
      </select>
    </label>
    <label
      >${strings['history.filter.safety']}
      <select name="safety-level" @change=${(e: Event) => v.onChange({ safetyLevel: value(e) })}>
        <option value="" ?selected=${!f.safetyLevel}>${strings['history.filter.any']}</option>
        ${SAFETY_LEVELS.map(
          (s) =>
            html`<option value=${s} ?selected=${f.safetyLevel === s}>
              ${strings[`history.safety.${s}`]}
            </option>`,
        )}
      </select>
    </label>
    ${
      v.compact
        ? nothing
        : html`${text('namespace', 'namespace', strings['history.filter.namespace'])}
          ${text('sessionId', 'session-id', strings['history.filter.session'])}`
    }
    ${v.isAdmin ? text('user', 'user', strings['history.filter.user']) : nothing}
    <label
      >${strings['history.filter.time']}
      <select
        name="range"
        @change=${(e: Event) => {
          const range = value(e);
          if (range === 'custom') return v.onCustomRange(true);
          v.onCustomRange(false);
          v.onChange({ since: range, from: '', to: '' });
        }}
      >
        <option value="" ?selected=${preset === ''}>${strings['history.filter.any-time']}</option>
        ${TIME_PRESETS.map(
          (p) => html`<option value=${p} ?selected=${preset === p}>${strings[`history.range.${p}`]}</option>`,
        )}
        <option value="custom" ?selected=${preset === 'custom'}>${strings['history.filter.custom']}</option>
      </select>
    </label>
    ${
      v.customRange
        ? html`<label
              >${strings['history.filter.from']}
              <input
                type="datetime-local"
                name="from"
                .value=${localInput(f.from)}
                @change=${(e: Event) => v.onChange({ from: iso(e) })}
              />
            </label>
            <label
              >${strings['history.filter.to']}
              <input
                type="datetime-local"
                name="to"
                .value=${localInput(f.to)}
                @change=${(e: Event) => v.onChange({ to: iso(e) })}
              />
            </label>`
        : nothing
    }
    ${v.exportControls}
  </form>`;
}
