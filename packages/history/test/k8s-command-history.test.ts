import { expect, html, oneEvent } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { rowCounter, setStrings, resetStrings, type User } from '@k8s-chat/core';
import '../src/define/k8s-command-history.js';
import {
  HistoryFilterChangeEvent,
  HistorySelectEvent,
  formatDuration,
  moveCell,
  mergeLive,
  toQuery,
  type K8sCommandHistory,
} from '../src/index.js';
import {
  execution,
  fakeServices,
  makeExecutions,
  withServices,
  type FakeOptions,
} from './helpers/fake-services.js';
import { NOW } from './helpers/fake-services.js';

const NOW_ISO = new Date(NOW).toISOString();

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const host of mounted.splice(0)) host.remove();
  sinon.restore();
});

async function mount(
  options: FakeOptions = {},
  attrs = html`<k8s-command-history></k8s-command-history>`,
  style = 'inline-size: 1100px',
) {
  const world = fakeServices(options);
  const host = withServices(world.services, attrs, style);
  document.body.append(host);
  mounted.push(host);
  const el = host.querySelector('k8s-command-history')!;
  await el.updateComplete;
  return { world, el, host };
}

const root = (el: K8sCommandHistory) => el.shadowRoot!;
const rows = (el: K8sCommandHistory) => [
  ...root(el).querySelectorAll<HTMLElement>('[role="row"][data-index]'),
];
const rowIds = (el: K8sCommandHistory) => rows(el).map((r) => r.dataset.id);
const ready = (el: K8sCommandHistory) =>
  waitUntil(
    () => el.viewState !== 'loading' && el.viewState !== 'idle' && rows(el).length + 1 > 0,
    'not ready',
  );
const rendered = (el: K8sCommandHistory) => waitUntil(() => rows(el).length > 0, 'no rows rendered');

const admin = { id: 'u-root', username: 'root', role: 'admin' } as User;

describe('<k8s-command-history>', () => {
  describe('states', () => {
    it('shows loading while the first page is on its way', async () => {
      const { el } = await mount({ hang: true });
      await waitUntil(() => root(el).querySelector('[part="loading"]'));
      expect(el.viewState).to.equal('loading');
      await expect(el).to.be.accessible();
    });

    it('shows the rows when they arrive', async () => {
      const { el } = await mount({ executions: makeExecutions(5) });
      await rendered(el);
      expect(el.viewState).to.equal('ready');
      expect(rows(el)).to.have.length(5);
      expect(rows(el)[0]!.textContent).to.contain('kubectl get pods');
      await expect(el).to.be.accessible();
    });

    it('says so when nothing matches', async () => {
      const { el } = await mount({ executions: [] });
      await waitUntil(() => el.viewState === 'empty');
      expect(root(el).querySelector('[part="empty"]')!.textContent).to.contain('No commands match');
      await expect(el).to.be.accessible();
    });

    it('shows the KubeChatError hint and retries', async () => {
      const { el, world } = await mount({ executions: makeExecutions(3), fail: 'server' });
      await waitUntil(() => el.viewState === 'error');
      const error = root(el).querySelector('[part="error"]')!;
      expect(error.textContent).to.contain('Something went wrong on the server');
      await expect(el).to.be.accessible();
      world.fail = null;
      error.querySelector<HTMLButtonElement>('button[name="retry"]')!.click();
      await waitUntil(() => el.viewState === 'ready');
      expect(world.listCalls.length).to.be.greaterThan(1);
    });

    it('shows a no-permission state on 403', async () => {
      const { el } = await mount({ fail: 'forbidden' });
      await waitUntil(() => el.viewState === 'forbidden');
      expect(root(el).querySelector('[part="forbidden"]')!.textContent).to.contain('do not have permission');
      expect(root(el).querySelector('[part="grid"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('waits quietly without a base-url or provider', async () => {
      const el = document.createElement('k8s-command-history');
      document.body.append(el);
      mounted.push(el);
      await el.updateComplete;
      expect(el.viewState).to.equal('idle');
      await expect(el).to.be.accessible();
    });

    it('never renders untrusted text as HTML', async () => {
      const { el } = await mount({
        executions: [execution('x', { command: '<img src=x onerror=alert(1)><b>b</b>' })],
      });
      await rendered(el);
      expect(root(el).querySelector('[part="row"] b, [part="row"] img')).to.equal(null);
      expect(rows(el)[0]!.textContent).to.contain('<b>b</b>');
    });
  });

  describe('grid semantics', () => {
    it('exposes the real row count, row indexes, headers and sort state', async () => {
      const { el } = await mount({ executions: makeExecutions(250) });
      await rendered(el);
      const grid = root(el).querySelector('[role="grid"]')!;
      expect(grid.getAttribute('aria-rowcount')).to.equal('251');
      expect(rows(el)[0]!.getAttribute('aria-rowindex')).to.equal('2');
      const headers = [...root(el).querySelectorAll('[role="columnheader"]')].map((h) =>
        h.textContent!.trim(),
      );
      expect(headers.join('|')).to.match(/^Time.*\|User\|Command\|Namespace\|Safety\|Status\|Duration$/);
      expect(root(el).querySelector('[role="columnheader"].time')!.getAttribute('aria-sort')).to.equal(
        'descending',
      );
    });

    it('renders 10,000 rows without 10,000 row elements', async () => {
      const { el, world } = await mount(
        { executions: makeExecutions(10_000) },
        html`<k8s-command-history page-size="1000" no-summary></k8s-command-history>`,
      );
      await rendered(el);
      // Load every page.
      while (el.visibleRows.length < 10_000) {
        const before = world.listCalls.length;
        void el.focusRow(el.visibleRows.length - 1);
        await waitUntil(() => world.listCalls.length > before || el.visibleRows.length >= 10_000);
        await waitUntil(() => !root(el).querySelector('[aria-busy="true"]'));
      }
      await el.focusRow(9_999);
      await waitUntil(() => rowIds(el).includes('e010000'));
      expect(rows(el).length).to.be.lessThan(200);
      expect(root(el).querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).to.equal('10001');
    });

    it('holds 100,000 executions: announces them all, renders a screenful, pages as the focus moves', async () => {
      const { el, world } = await mount(
        { executions: makeExecutions(100_000) },
        html`<k8s-command-history page-size="1000" no-summary></k8s-command-history>`,
      );
      await rendered(el);
      const grid = root(el).querySelector('[role="grid"]')!;
      expect(grid.getAttribute('aria-rowcount')).to.equal('100001');
      expect(rows(el).length).to.be.lessThan(200);
      await el.focusRow(999);
      await waitUntil(() => world.listCalls.some((q) => q.offset === 1000), 'no second page');
      await waitUntil(() => el.visibleRows.length === 2000);
      await el.focusRow(1500);
      expect(
        (el.shadowRoot!.activeElement as HTMLElement)
          .closest<HTMLElement>('[role="row"]')!
          .getAttribute('aria-rowindex'),
      ).to.equal('1502');
      expect(rows(el).length).to.be.lessThan(200);
    });

    it('loads the next page as the reader scrolls', async () => {
      const { el, world } = await mount({ executions: makeExecutions(250) });
      await rendered(el);
      expect(world.listCalls).to.have.length(1);
      expect(world.listCalls[0]).to.include({ limit: 100, offset: 0 });
      const scroller = root(el).querySelector<HTMLElement>('[part~="scroller"]')!;
      // The reader keeps scrolling down, as a person would while the virtualizer settles its layout.
      await waitUntil(() => {
        scroller.scrollTop = scroller.scrollHeight;
        return world.listCalls.some((q) => q.offset === 100);
      }, 'no second page');
      await waitUntil(() => el.visibleRows.length === 200);
    });
  });

  describe('filters', () => {
    it('turns attributes into the server query', async () => {
      const { world } = await mount(
        { executions: makeExecutions(20) },
        html`<k8s-command-history
          namespace="prod"
          since="24h"
          status="failed"
          safety-level="warning"
          session-id="s2"
          q="pods"
          sort="username"
        ></k8s-command-history>`,
      );
      await waitUntil(() => world.listCalls.length > 0);
      expect(world.listCalls[0]).to.deep.include({
        namespace: 'prod',
        since: '24h',
        status: 'failed',
        safety_level: 'warning',
        session_id: 's2',
        q: 'pods',
        sort: 'username',
      });
    });

    it('follows attribute changes made by the host page', async () => {
      const { el, world } = await mount({ executions: makeExecutions(20) });
      await rendered(el);
      el.setAttribute('namespace', 'staging');
      el.setAttribute('q', 'logs');
      await waitUntil(
        () => world.listCalls.at(-1)?.namespace === 'staging' && world.listCalls.at(-1)?.q === 'logs',
      );
      await waitUntil(() =>
        el.visibleRows.every((r) => r.namespace === 'staging' && r.command.includes('logs')),
      );
      expect(el.filters).to.include({ namespace: 'staging', q: 'logs' });
    });

    it('drops a superseded answer', async () => {
      const { el, world } = await mount({ executions: makeExecutions(20) });
      await rendered(el);
      world.hold();
      el.status = 'failed';
      await el.updateComplete;
      el.status = 'rejected';
      await el.updateComplete;
      world.release();
      await waitUntil(() => root(el).querySelector('[role="grid"]')?.getAttribute('aria-busy') === 'false');
      expect(el.visibleRows.length).to.be.greaterThan(0);
      expect(el.visibleRows.every((r) => r.status === 'rejected')).to.equal(true);
    });

    it('prefers from/to over since', () => {
      const query = toQuery({
        status: '',
        safetyLevel: '',
        sessionId: '',
        user: 'bob',
        namespace: '',
        since: '24h',
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-02T00:00:00Z',
        q: '',
        sort: 'bogus',
      });
      expect(query).to.deep.equal({
        username: 'bob',
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-11-02T00:00:00.000Z',
        sort: '-created_at',
      });
    });

    it('filters loaded rows at once while the server answers', async () => {
      const { el, world } = await mount({ executions: makeExecutions(30) });
      await rendered(el);
      world.hold();
      const select = root(el).querySelector<HTMLSelectElement>('select[name="status"]')!;
      select.value = 'failed';
      select.dispatchEvent(new Event('change'));
      await el.updateComplete;
      // The server has not answered yet; the local predicate already applies.
      expect(world.listCalls.at(-1)).to.include({ status: 'failed' });
      await waitUntil(() => rows(el).length > 0 && rows(el).every((r) => r.textContent!.includes('failed')));
      expect(root(el).querySelector('[role="grid"]')!.getAttribute('aria-busy')).to.equal('true');
      world.release();
      await waitUntil(() => root(el).querySelector('[role="grid"]')!.getAttribute('aria-busy') === 'false');
      expect(el.visibleRows.every((r) => r.status === 'failed')).to.equal(true);
    });

    it('searches free text locally and on the server', async () => {
      const { el, world } = await mount({ executions: makeExecutions(30) });
      await rendered(el);
      const input = root(el).querySelector<HTMLInputElement>('input[name="q"]')!;
      input.focus();
      await sendKeys({ type: 'scale' });
      await waitUntil(() => world.listCalls.at(-1)?.q === 'scale');
      await waitUntil(
        () => el.visibleRows.length > 0 && el.visibleRows.every((r) => r.command.includes('scale')),
      );
    });

    it('fires k8s-history-filter-change on user changes only', async () => {
      const { el } = await mount({ executions: makeExecutions(10) });
      const spy = sinon.spy();
      el.addEventListener('k8s-history-filter-change', spy);
      el.namespace = 'prod';
      await el.updateComplete;
      expect(spy.called).to.equal(false);
      const range = root(el).querySelector<HTMLSelectElement>('select[name="range"]')!;
      range.value = '7d';
      setTimeout(() => range.dispatchEvent(new Event('change')));
      const event = await oneEvent(el, 'k8s-history-filter-change');
      expect(event).to.be.instanceOf(HistoryFilterChangeEvent);
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail.filters).to.include({ since: '7d', namespace: 'prod' });
    });

    it('offers a custom from/to range', async () => {
      const { el, world } = await mount({ executions: makeExecutions(10) });
      const range = root(el).querySelector<HTMLSelectElement>('select[name="range"]')!;
      range.value = 'custom';
      range.dispatchEvent(new Event('change'));
      await el.updateComplete;
      const from = root(el).querySelector<HTMLInputElement>('input[name="from"]')!;
      from.value = '2026-11-01T10:00';
      from.dispatchEvent(new Event('change'));
      await waitUntil(() => world.listCalls.some((q) => !!q.from));
      expect(el.from).to.match(/^2026-11-01T/);
      await expect(el).to.be.accessible();
    });

    it('shows the user filter to admins only', async () => {
      const user = await mount({ executions: makeExecutions(3) });
      expect(root(user.el).querySelector('input[name="user"]')).to.equal(null);
      const adm = await mount({ executions: makeExecutions(3), user: admin });
      await waitUntil(() => root(adm.el).querySelector('input[name="user"]'));
      const input = root(adm.el).querySelector<HTMLInputElement>('input[name="user"]')!;
      input.value = 'bob';
      input.dispatchEvent(new Event('change'));
      await waitUntil(() => adm.world.listCalls.at(-1)?.username === 'bob');
    });

    it('hides the filter bar with no-filters', async () => {
      const { el } = await mount(
        { executions: makeExecutions(3) },
        html`<k8s-command-history no-filters></k8s-command-history>`,
      );
      expect(root(el).querySelector('[part="filters"]')).to.equal(null);
    });
  });

  describe('sorting', () => {
    it('sorts by a column on click, toggling direction, with aria-sort', async () => {
      const { el, world } = await mount({ executions: makeExecutions(12) });
      await rendered(el);
      const button = root(el).querySelector<HTMLButtonElement>('[role="columnheader"].user button')!;
      button.click();
      await waitUntil(() => world.listCalls.at(-1)?.sort === 'username');
      expect(root(el).querySelector('[role="columnheader"].user')!.getAttribute('aria-sort')).to.equal(
        'ascending',
      );
      expect(root(el).querySelector('[role="columnheader"].time')!.getAttribute('aria-sort')).to.equal(
        'none',
      );
      const names = el.visibleRows.map((r) => r.username);
      expect(names).to.deep.equal([...names].sort());
      button.click();
      await waitUntil(() => world.listCalls.at(-1)?.sort === '-username');
      expect(root(el).querySelector('[role="columnheader"].user')!.getAttribute('aria-sort')).to.equal(
        'descending',
      );
    });

    it('sorts by every column, on the server and on the loaded rows', async () => {
      const { el, world } = await mount({ executions: makeExecutions(40) });
      await rendered(el);
      const fields = {
        time: 'created_at',
        user: 'username',
        command: 'command',
        namespace: 'namespace',
        safety: 'safety_level',
        status: 'status',
        duration: 'execution_time_ms',
      } as const;
      for (const [column, field] of Object.entries(fields)) {
        root(el).querySelector<HTMLButtonElement>(`[role="columnheader"].${column} button`)!.click();
        await waitUntil(() => world.listCalls.at(-1)?.sort?.replace('-', '') === field, `sort ${column}`);
        const sort = world.listCalls.at(-1)!.sort!;
        const header = root(el).querySelector(`[role="columnheader"].${column}`)!;
        expect(header.getAttribute('aria-sort')).to.equal(sort.startsWith('-') ? 'descending' : 'ascending');
        expect(root(el).querySelectorAll('[role="columnheader"]:not([aria-sort="none"])')).to.have.length(1);
        const values = el.visibleRows.map((r) => r[field]);
        const nonNull = values.filter((v) => v !== null) as (string | number)[];
        const ordered = [...nonNull].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(nonNull).to.deep.equal(sort.startsWith('-') ? ordered.reverse() : ordered);
      }
    });

    it('sorts with Enter on the header', async () => {
      const { el, world } = await mount({ executions: makeExecutions(12) });
      await rendered(el);
      root(el).querySelector<HTMLButtonElement>('[role="columnheader"].duration button')!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => world.listCalls.at(-1)?.sort === '-execution_time_ms');
    });
  });

  describe('keyboard', () => {
    it('keeps one cell in the tab order and moves by cell with arrows, Home/End and pages', async () => {
      const { el } = await mount({ executions: makeExecutions(60) });
      await rendered(el);
      const tabStops = () => [...root(el).querySelectorAll<HTMLElement>('[role="grid"] [tabindex="0"]')];
      expect(tabStops()).to.have.length(1);
      const at = () => {
        const cell = el.shadowRoot!.activeElement as HTMLElement | null;
        const row = cell?.closest<HTMLElement>('[role="row"]');
        return `${row?.dataset.index ?? 'header'}:${cell?.dataset.col}`;
      };
      tabStops()[0]!.focus();
      expect(at()).to.equal('0:0');
      await sendKeys({ press: 'ArrowDown' });
      await waitUntil(() => at() === '1:0', `ArrowDown: ${at()}`);
      await sendKeys({ press: 'ArrowRight' });
      await waitUntil(() => at() === '1:1', `ArrowRight: ${at()}`);
      await sendKeys({ press: 'End' });
      await waitUntil(() => at() === '1:6', `End: ${at()}`);
      await sendKeys({ press: 'Home' });
      await waitUntil(() => at() === '1:0', `Home: ${at()}`);
      await sendKeys({ press: 'PageDown' });
      await waitUntil(() => Number(at().split(':')[0]) > 3, `PageDown: ${at()}`);
      await sendKeys({ press: 'Control+End' });
      await waitUntil(() => at() === '59:6', `Ctrl+End: ${at()}`);
      await sendKeys({ press: 'PageUp' });
      await waitUntil(() => Number(at().split(':')[0]) < 59, `PageUp: ${at()}`);
      await sendKeys({ press: 'Control+Home' });
      await waitUntil(() => at() === '0:0', `Ctrl+Home: ${at()}`);
      // Up from the first row reaches the column headers, which sort with Enter.
      await sendKeys({ press: 'ArrowUp' });
      await waitUntil(() => at() === 'header:0', `ArrowUp to header: ${at()}`);
      expect(tabStops()).to.have.length(1);
      await expect(el).to.be.accessible();
    });

    it('moves by the ARIA grid rules (unit)', () => {
      const bounds = { rows: 10, cols: 4, page: 3 };
      expect(moveCell('ArrowLeft', false, { row: 2, col: 0 }, bounds)).to.deep.equal({ row: 2, col: 0 });
      expect(moveCell('ArrowDown', false, { row: 9, col: 1 }, bounds)).to.deep.equal({ row: 9, col: 1 });
      expect(moveCell('PageDown', false, { row: 8, col: 1 }, bounds)).to.deep.equal({ row: 9, col: 1 });
      expect(moveCell('PageUp', false, { row: 1, col: 1 }, bounds)).to.deep.equal({ row: 0, col: 1 });
      expect(moveCell('ArrowUp', false, { row: 0, col: 2 }, bounds)).to.deep.equal({ row: -1, col: 2 });
      expect(moveCell('End', true, { row: 0, col: 0 }, bounds)).to.deep.equal({ row: 9, col: 3 });
      expect(moveCell('a', false, { row: 0, col: 0 }, bounds)).to.equal(null);
    });

    it('opens details with Enter and fires k8s-history-select', async () => {
      const { el, world } = await mount({ executions: makeExecutions(5) });
      await rendered(el);
      rows(el)[1]!.querySelector<HTMLElement>('[role="gridcell"]')!.focus();
      setTimeout(() => void sendKeys({ press: 'Enter' }));
      const event = await oneEvent(el, 'k8s-history-select');
      expect(event).to.be.instanceOf(HistorySelectEvent);
      expect(event.detail.execution.id).to.equal('e000002');
      expect(event.bubbles && event.composed).to.equal(true);
      await waitUntil(() => world.detailCalls.includes('e000002'));
      const dialog = root(el).querySelector('dialog')!;
      await waitUntil(() => dialog.open && dialog.querySelector('[part="output"]'));
      expect(dialog.querySelector('[part="output"]')!.textContent).to.contain('web-1 1/1 Running');
      await expect(el).to.be.accessible();
    });
  });

  describe('details', () => {
    it('stays closed when the host cancels k8s-history-select', async () => {
      const { el, world } = await mount({ executions: makeExecutions(3) });
      await rendered(el);
      el.addEventListener('k8s-history-select', (e) => e.preventDefault());
      rows(el)[0]!.click();
      await el.updateComplete;
      expect(root(el).querySelector('dialog')!.open).to.equal(false);
      expect(world.detailCalls).to.have.length(0);
    });

    it('shows the command, who asked and who approved when, the status timeline; output stays text', async () => {
      const run = execution('d1', {
        safety_level: 'dangerous',
        approval_id: 'a1',
        approved_at: '2026-11-28T11:59:10.000Z',
        reasons: ['deletes a resource'],
        output: '<script>alert(1)</script>',
      });
      const { el, world } = await mount({ executions: [run] });
      world.approvals.set('d1', {
        id: 'a1',
        command_execution_id: 'd1',
        requested_by_user_id: 'u-alice',
        requested_by: 'alice',
        approved_by_user_id: 'u-root',
        approved_by: 'root',
        status: 'approved',
        reason: null,
        required_role: 'admin',
        command: run.command,
        command_digest: 'd',
        safety_level: 'dangerous',
        expires_at: '2026-11-28T12:10:00.000Z',
        created_at: run.created_at,
        decided_at: '2026-11-28T11:59:10.000Z',
      });
      await rendered(el);
      rows(el)[0]!.click();
      const dialog = root(el).querySelector('dialog')!;
      await waitUntil(() => dialog.querySelector('[part="output"]') && dialog.textContent!.includes('root'));
      expect(dialog.querySelector('[part="output"] script')).to.equal(null);
      const approval = [...dialog.querySelectorAll('.approval li')].map((li) => li.textContent!.trim());
      expect(approval[0]).to.match(/^Requested by alice:/);
      expect(approval[1]).to.match(/^Approved by root:/);
      expect(dialog.querySelector('.approval li:nth-child(2) time')!.getAttribute('datetime')).to.equal(
        '2026-11-28T11:59:10.000Z',
      );
      expect(dialog.textContent).to.contain('deletes a resource');
      const timeline = [...dialog.querySelectorAll('.timeline li')].map((li) => li.textContent!.trim());
      expect(timeline.map((t) => t.split(':')[0])).to.deep.equal([
        'Requested by alice',
        'Approved by root',
        'Started',
        'Completed',
      ]);
      expect(dialog.querySelectorAll('.timeline li[data-done]').length).to.equal(4);
      await expect(el).to.be.accessible();
      dialog.querySelector<HTMLButtonElement>('button[name="close"]')!.click();
      await waitUntil(() => !dialog.open);
    });

    it('shows a rejection with who rejected and why, and a run still waiting', async () => {
      const rejected = execution('r1', {
        safety_level: 'warning',
        status: 'rejected',
        approval_id: 'a2',
        executed_at: null,
        completed_at: null,
      });
      const waiting = execution('w1', {
        safety_level: 'warning',
        status: 'pending_approval',
        approval_id: 'a3',
        executed_at: null,
        completed_at: null,
      });
      const { el, world } = await mount({ executions: [rejected, waiting] });
      world.approvals.set('r1', {
        id: 'a2',
        command_execution_id: 'r1',
        requested_by_user_id: 'u-alice',
        requested_by: 'alice',
        approved_by_user_id: 'u-root',
        approved_by: 'root',
        status: 'rejected',
        reason: 'Change freeze',
        required_role: 'requester',
        command: rejected.command,
        command_digest: 'd',
        safety_level: 'warning',
        expires_at: rejected.created_at,
        created_at: rejected.created_at,
        decided_at: rejected.updated_at,
      });
      await rendered(el);
      await el.showDetails(rejected);
      const dialog = root(el).querySelector('dialog')!;
      await waitUntil(() => dialog.textContent!.includes('Rejected by root'));
      expect(dialog.textContent).to.contain('Reason: Change freeze');
      expect(dialog.querySelectorAll('.timeline li')).to.have.length(2);
      el.closeDetails();
      await el.showDetails(waiting);
      await waitUntil(
        () => world.detailCalls.includes('w1') && dialog.textContent!.includes('Waiting for approval'),
      );
      expect(dialog.querySelector('.timeline')!.textContent).to.contain('not yet');
    });

    it('follows the strings table (setStrings)', async () => {
      const { el } = await mount({ executions: makeExecutions(2) });
      await rendered(el);
      setStrings({ 'history.column.user': 'Benutzer' });
      try {
        await waitUntil(() =>
          root(el).querySelector('[role="columnheader"].user')!.textContent!.includes('Benutzer'),
        );
      } finally {
        resetStrings();
      }
    });
  });

  describe('live updates', () => {
    it('subscribes to user:<id>, or commands for admins', async () => {
      const { el } = await mount({ executions: makeExecutions(3) });
      await waitUntil(() => el.liveTopics.length > 0);
      expect(el.liveTopics).to.deep.equal(['user:u-alice']);
      const adm = await mount({ executions: makeExecutions(3), user: admin });
      await waitUntil(() => adm.el.liveTopics.length > 0);
      expect(adm.el.liveTopics).to.deep.equal(['commands']);
    });

    it('reads the rows again once the subscription is live, catching what changed before it', async () => {
      const { el, world } = await mount({ executions: makeExecutions(5) });
      await rendered(el);
      await waitUntil(() => world.topics().includes('user:u-alice'));
      const calls = world.listCalls.length;
      const target = el.visibleRows[0]!;
      // Finished between the first read and the subscription: no event will ever say so.
      world.data = world.data.map((r) => (r.id === target.id ? { ...r, status: 'timeout' as const } : r));
      world.confirm('user:u-alice');
      await waitUntil(() => world.listCalls.length > calls, 'no second read');
      await waitUntil(() => rows(el)[0]!.textContent!.includes('timed out'));
    });

    it('changes a status in place', async () => {
      const { el, world } = await mount({ executions: makeExecutions(5) });
      await rendered(el);
      const target = el.visibleRows[2]!;
      world.publish('user:u-alice', { ...target, status: 'failed' });
      await waitUntil(() => rows(el)[2]!.textContent!.includes('failed'));
      expect(rowIds(el)[2]).to.equal(target.id);
    });

    it('adds new executions without moving what the reader is looking at', async () => {
      const { el, world } = await mount({ executions: makeExecutions(200) });
      await rendered(el);
      const scroller = root(el).querySelector<HTMLElement>('[part~="scroller"]')!;
      scroller.scrollTop = 36 * 40;
      await waitUntil(() => rowIds(el).includes('e000045'));
      const top = scroller.getBoundingClientRect().top;
      const firstVisible = () => rows(el).find((r) => r.getBoundingClientRect().bottom > top + 1)!.dataset.id;
      const before = firstVisible();
      world.publish('user:u-alice', execution('new1', { created_at: new Date().toISOString() }));
      await waitUntil(() => el.visibleRows[0]!.id === 'new1');
      await el.updateComplete;
      await waitUntil(() => firstVisible() === before, `first visible row moved from ${before}`);
      expect(root(el).querySelector('[role="grid"]')!.getAttribute('aria-rowcount')).to.equal('202');
    });

    it('merges live rows: in place, inserted in sort order, or left to paging (unit)', async () => {
      const rows = makeExecutions(3, NOW);
      const filters = {
        status: '',
        safetyLevel: '',
        sessionId: '',
        user: '',
        namespace: '',
        since: '',
        from: '',
        to: '',
        q: '',
        sort: '-created_at',
      } as const;
      const changed = mergeLive(rows, 3, rows, { ...rows[1]!, status: 'failed' }, filters);
      expect(changed.rows[1]!.status).to.equal('failed');
      expect(changed.insertedAt).to.equal(null);
      const fresh = execution('n', { created_at: new Date(NOW + 1000).toISOString() });
      expect(mergeLive(rows, 3, rows, fresh, filters).insertedAt).to.equal(0);
      const old = execution('o', { created_at: new Date(NOW - 86_400_000).toISOString() });
      const later = mergeLive(rows, 10, rows, old, filters);
      expect(later).to.deep.include({ total: 11, insertedAt: null });
      expect(later.rows).to.equal(rows);
    });

    it('ignores new executions that do not match the filters', async () => {
      const { el, world } = await mount(
        { executions: makeExecutions(5) },
        html`<k8s-command-history status="failed"></k8s-command-history>`,
      );
      await rendered(el);
      const count = el.visibleRows.length;
      world.publish(
        'user:u-alice',
        execution('n2', { status: 'completed', created_at: new Date().toISOString() }),
      );
      await el.updateComplete;
      expect(el.visibleRows.length).to.equal(count);
    });
  });

  describe('export', () => {
    for (const format of ['csv', 'json', 'ndjson'] as const) {
      it(`downloads exactly the filtered ${format} the server streamed, with progress`, async () => {
        const { el, world } = await mount(
          { executions: makeExecutions(300) },
          html`<k8s-command-history namespace="prod" status="completed"></k8s-command-history>`,
        );
        await rendered(el);
        const blobs: Blob[] = [];
        sinon.stub(URL, 'createObjectURL').callsFake((blob) => {
          blobs.push(blob as Blob);
          return 'blob:fake';
        });
        sinon.stub(URL, 'revokeObjectURL');
        const select = root(el).querySelector<HTMLSelectElement>('select[name="format"]')!;
        select.value = format;
        select.dispatchEvent(new Event('change'));
        await el.updateComplete;
        const progress: string[] = [];
        const observer = new MutationObserver(() => {
          const text = root(el).querySelector('[part="progress"]')?.textContent;
          if (text) progress.push(text.replace(/\s+/g, ' '));
        });
        observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
        root(el).querySelector<HTMLButtonElement>('button[name="export"]')!.click();
        await waitUntil(() => blobs.length === 1, 'no download');
        observer.disconnect();
        const expected = world.exportBody({
          namespace: 'prod',
          status: 'completed',
          sort: '-created_at',
          format,
        });
        expect(await blobs[0]!.text()).to.equal(expected.body);
        const url = world.exportUrls[0]!;
        expect(url.pathname).to.equal('/api/v1/commands/executions/export');
        expect(url.searchParams.get('namespace')).to.equal('prod');
        expect(url.searchParams.get('status')).to.equal('completed');
        expect(url.searchParams.get('format')).to.equal(format);
        expect(progress.some((p) => p.includes(`of ${expected.total} rows`))).to.equal(true);
        await waitUntil(() => !root(el).querySelector('[part="progress"]'));
        expect(root(el).querySelector('[part="export"] [role="status"]')!.textContent).to.contain(
          `Exported ${expected.total} rows`,
        );
        await expect(el).to.be.accessible();
      });
    }

    it('counts rows per format', () => {
      const csv = rowCounter('csv');
      csv('id,command\r\n1,"a\nb"\r\n2,');
      expect(csv('c\r\n')).to.equal(2);
      const ndjson = rowCounter('ndjson');
      expect(ndjson('{}\n{}\n')).to.equal(2);
      const json = rowCounter('json');
      expect(json('[\n{"a":1},\n{"a":2}\n]\n')).to.equal(2);
    });

    it('shows the hint when the export fails', async () => {
      const { el, world } = await mount({ executions: makeExecutions(3) });
      await rendered(el);
      world.exportFailure = { status: 403, body: '{"error":"nope","code":"FORBIDDEN"}' };
      root(el).querySelector<HTMLButtonElement>('button[name="export"]')!.click();
      await waitUntil(() => root(el).querySelector('[part="export-error"]'));
      expect(root(el).querySelector('[part="export-error"]')!.textContent).to.contain('permission');
      await expect(el).to.be.accessible();
    });

    it('can be cancelled; nothing is downloaded', async () => {
      const { el, world } = await mount(
        { executions: makeExecutions(300) },
        html`<k8s-command-history no-summary></k8s-command-history>`,
      );
      await rendered(el);
      world.exportHold = true;
      const saved = sinon.stub(URL, 'createObjectURL').returns('blob:fake');
      root(el).querySelector<HTMLButtonElement>('button[name="export"]')!.click();
      await waitUntil(() =>
        root(el).querySelector('[part="progress"]')?.textContent?.includes('of 300 rows'),
      );
      root(el).querySelector<HTMLButtonElement>('button[name="cancel-export"]')!.click();
      await waitUntil(() => root(el).querySelector('button[name="export"]'));
      expect(saved.called).to.equal(false);
      expect(root(el).querySelector('[part="export-error"]')).to.equal(null);
    });
  });

  describe('summary', () => {
    it('shows totals, success rate, duration, top resources and an accessible chart', async () => {
      const { el, world } = await mount(
        { executions: makeExecutions(14) },
        html`<k8s-command-history since="24h"></k8s-command-history>`,
      );
      await waitUntil(() => root(el).querySelector('[part="summary"]'));
      const summary = root(el).querySelector('[part="summary"]')!;
      expect(summary.textContent).to.contain('Executions');
      expect(summary.textContent).to.contain('Success rate');
      expect(summary.textContent).to.contain('Top resources');
      const chart = summary.querySelector('svg[role="img"]')!;
      expect(chart.getAttribute('aria-label')).to.contain('Executions over time');
      expect(chart.querySelectorAll('rect.bar')).to.have.length(12);
      expect(world.statsCalls[0]).to.have.property('from');
      await expect(el).to.be.accessible();
    });

    it('is hidden with no-summary', async () => {
      const { el, world } = await mount(
        { executions: makeExecutions(3) },
        html`<k8s-command-history no-summary></k8s-command-history>`,
      );
      await rendered(el);
      expect(root(el).querySelector('[part="summary"]')).to.equal(null);
      expect(world.statsCalls).to.have.length(0);
    });
  });

  describe('compact', () => {
    it('fits a 600×300 panel with fewer columns and no chart', async () => {
      const { el } = await mount(
        { executions: makeExecutions(50) },
        html`<k8s-command-history compact style="block-size: 300px"></k8s-command-history>`,
        'inline-size: 600px; block-size: 300px',
      );
      await rendered(el);
      await waitUntil(() => root(el).querySelector('[part="summary"]'));
      expect(root(el).querySelectorAll('[role="columnheader"]')).to.have.length(4);
      expect(root(el).querySelector('[part="chart"]')).to.equal(null);
      expect(el.getBoundingClientRect().height).to.be.at.most(301);
      expect(root(el).querySelector('[role="grid"]')!.getAttribute('aria-colcount')).to.equal('4');
      await expect(el).to.be.accessible();
    });
  });

  describe('errors', () => {
    it('shows a failed load through the error notice, with the support reference', async () => {
      const { el } = await mount({ fail: 'server' });
      await waitUntil(() => el.viewState === 'error');
      const notice = root(el).querySelector('[part="error"] [part="error-notice"]')!;
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(notice.textContent).to.contain('Something went wrong on the server');
      expect(notice.querySelector('[part="error-reference"]')!.textContent).to.contain('req-fake-list');
      await expect(el).to.be.accessible();
    });

    it('shows no-permission with the support reference', async () => {
      const { el } = await mount({ fail: 'forbidden' });
      await waitUntil(() => el.viewState === 'forbidden');
      const forbidden = root(el).querySelector('[part="forbidden"]')!;
      expect(forbidden.querySelector('[part="error-reference"]')!.textContent).to.contain('req-fake-list');
    });

    it("shows a failed export with the server's request id", async () => {
      const { el, world } = await mount({ executions: makeExecutions(3) });
      await rendered(el);
      world.exportFailure = {
        status: 500,
        body: '{"error":"disk full","code":"INTERNAL","request_id":"req-export-9"}',
      };
      root(el).querySelector<HTMLButtonElement>('button[name="export"]')!.click();
      await waitUntil(() => root(el).querySelector('[part="export-error"]'));
      const notice = root(el).querySelector('[part="export-error"]')!;
      expect(notice.textContent).to.contain('disk full');
      expect(notice.querySelector('[part="error-reference"]')!.textContent).to.contain('req-export-9');
      expect(root(el).querySelector('[part="export"]')!.textContent).to.contain('Export failed.');
      await expect(el).to.be.accessible();
    });

    it('shows a failed details read with the support reference', async () => {
      const { el } = await mount({ executions: makeExecutions(3) });
      await rendered(el);
      await el.showDetails(execution('gone'));
      await waitUntil(() => root(el).querySelector('[part="details-error"]'));
      const notice = root(el).querySelector('[part="details-error"]')!;
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(notice.querySelector('[part="error-reference"]')!.textContent).to.contain('req-fake-detail');
      el.closeDetails();
    });
  });

  describe('redactions', () => {
    it('marks what the server hid in the command and output, as text', async () => {
      const command = 'kubectl create secret generic db --from-literal=password=[REDACTED password]';
      const output =
        'token: [REDACTED token]\n<b>not bold</b> [REDACTED banana]\nkey: [REDACTED private key] end';
      const row = execution('r1', { command, output });
      const { el } = await mount({ executions: [row] });
      await rendered(el);
      await el.showDetails(row);
      await waitUntil(() => root(el).querySelectorAll('[part="output"] [part="redaction"]').length === 2);
      const commandMarks = [...root(el).querySelectorAll('pre.command [part="redaction"]')];
      expect(commandMarks.map((m) => m.textContent)).to.deep.equal(['[REDACTED password]']);
      expect(commandMarks[0]!.getAttribute('title')).to.contain('password');
      const pre = root(el).querySelector('[part="output"]')!;
      const marks = [...pre.querySelectorAll<HTMLElement>('[part="redaction"]')];
      expect(marks.map((m) => m.tagName)).to.deep.equal(['MARK', 'MARK']);
      expect(marks.map((m) => m.dataset.kind)).to.deep.equal(['token', 'private key']);
      expect(marks[1]!.title).to.contain('private key');
      // The text is unchanged (copying copies what the server stored); an unknown kind is left alone.
      expect(pre.textContent!.trim()).to.equal(output);
      expect(root(el).querySelector('pre.command')!.textContent).to.equal(command);
      expect(pre.querySelector('b')).to.equal(null);
      await expect(el).to.be.accessible();
      el.closeDetails();
    });
  });

  describe('forced colors', () => {
    afterEach(() => emulateMedia({ forcedColors: 'none' }));

    it('has forced-colors rules for focus, the current row, status and safety', () => {
      const el = document.createElement('k8s-command-history');
      const sheets = (el.constructor as typeof K8sCommandHistory).elementStyles.map((s) =>
        'styleSheet' in s ? s.styleSheet! : (s as CSSStyleSheet),
      );
      const forced = sheets
        .flatMap((sheet) => [...sheet.cssRules])
        .filter(
          (r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText.includes('forced-colors'),
        )
        .flatMap((r) => [...r.cssRules].map((rule) => (rule as CSSStyleRule).selectorText))
        .join('\n');
      for (const selector of [
        "[part='cell']:focus-visible",
        "[part='row']:focus-within",
        "[part='status-badge'][data-status='failed']",
        ".safety[data-level='dangerous']",
        '.k8s-error',
      ])
        expect(forced.replaceAll('"', "'"), selector).to.contain(selector);
    });

    it('keeps focus, status and safety visible when the system forces colours', async () => {
      const failed = execution('f1', { status: 'failed', safety_level: 'dangerous' });
      const { el } = await mount({ executions: [failed, execution('f2')] });
      await rendered(el);
      const badge = root(el).querySelector<HTMLElement>('[part="status-badge"][data-status="failed"]')!;
      const safety = root(el).querySelector<HTMLElement>('.safety[data-level="dangerous"]')!;
      expect(getComputedStyle(safety).borderTopStyle).to.equal('none');
      await emulateMedia({ forcedColors: 'active' });
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      expect(getComputedStyle(badge).borderTopStyle).to.equal('solid');
      expect(getComputedStyle(safety).borderTopWidth).to.equal('2px');
      await el.focusCell(0, 0);
      const cell = root(el).querySelector<HTMLElement>('[role="row"][data-index="0"] [data-col="0"]')!;
      expect(root(el).activeElement).to.equal(cell);
      expect(cell.matches(':focus-visible')).to.equal(true);
      expect(getComputedStyle(cell).outlineStyle).to.equal('solid');
      expect(getComputedStyle(cell).outlineWidth).to.equal('3px');
      const row = cell.closest<HTMLElement>('[part="row"]')!;
      expect(getComputedStyle(row).outlineStyle).to.equal('solid');
    });
  });

  describe('preferences', () => {
    const prefer = (world: Awaited<ReturnType<typeof mount>>['world'], theme: string, compact: boolean) =>
      world.$preferences.set({
        value: { theme, compact, sound: false, default_namespace: null, updated_at: NOW_ISO },
        loaded: true,
        error: null,
      } as never);

    it("applies the signed-in person's theme and compact, and takes them back when they change", async () => {
      const { el, world } = await mount({ executions: makeExecutions(20) });
      await rendered(el);
      expect(el.hasAttribute('theme')).to.equal(false);
      prefer(world, 'dark', true);
      await waitUntil(() => el.getAttribute('theme') === 'dark' && el.compact, 'preferences applied');
      await el.updateComplete;
      expect(root(el).querySelectorAll('[role="columnheader"]')).to.have.length(4);
      prefer(world, 'system', false);
      await waitUntil(() => !el.hasAttribute('theme') && !el.compact, 'preferences taken back');
      await el.updateComplete;
      expect(root(el).querySelectorAll('[role="columnheader"]')).to.have.length(7);
    });

    it('never overrides an attribute the page set itself', async () => {
      const { el, world } = await mount(
        { executions: makeExecutions(20) },
        html`<k8s-command-history theme="light"></k8s-command-history>`,
      );
      prefer(world, 'dark', true);
      await waitUntil(() => el.compact, 'compact applied');
      expect(el.getAttribute('theme')).to.equal('light');
      expect(el.theme).to.equal('light');
      prefer(world, 'system', false);
      await waitUntil(() => !el.compact, 'compact taken back');
      expect(el.getAttribute('theme')).to.equal('light');
    });
  });

  it('formats durations for people', () => {
    expect(formatDuration(null)).to.equal('—');
    expect(formatDuration(850)).to.equal('850 ms');
    expect(formatDuration(4200)).to.equal('4.2 s');
    expect(formatDuration(185_000)).to.equal('3 min 5 s');
  });

  it('is ready for the ready() helper', async () => {
    const { el } = await mount({ executions: makeExecutions(2) });
    await ready(el);
  });
});
