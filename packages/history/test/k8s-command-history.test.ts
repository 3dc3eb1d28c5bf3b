import { expect, fixture, html } from '@open-wc/testing';
import '../src/define/k8s-command-history.js';
import { formatDuration, type HistoryRow, type K8sCommandHistory } from '../src/index.js';

const row = (over: Partial<HistoryRow> = {}): HistoryRow => ({
  id: 'e1',
  created_at: '2026-11-28T10:00:00Z',
  username: 'alice',
  command: 'kubectl get pods -n prod',
  namespace: 'prod',
  safety_level: 'safe',
  status: 'completed',
  duration_ms: 420,
  ...over,
});

describe('<k8s-command-history>', () => {
  it('says so when there is nothing to show', async () => {
    const el = await fixture<K8sCommandHistory>(html`<k8s-command-history></k8s-command-history>`);
    expect(el.shadowRoot!.querySelector('[part=empty]')!.textContent).to.contain('No commands');
    await expect(el).to.be.accessible();
  });

  it('renders one row per execution with its columns', async () => {
    const el = await fixture<K8sCommandHistory>(
      html`<k8s-command-history
        .rows=${[row(), row({ id: 'e2', username: 'bob', command: '<b>x</b>' })]}
      ></k8s-command-history>`,
    );
    const rows = el.shadowRoot!.querySelectorAll('tbody tr');
    expect(rows.length).to.equal(2);
    expect(rows[0]!.textContent).to.contain('kubectl get pods -n prod');
    expect(rows[0]!.textContent).to.contain('420 ms');
    expect(rows[1]!.querySelector('b')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('formats durations for people', () => {
    expect(formatDuration(null)).to.equal('—');
    expect(formatDuration(850)).to.equal('850 ms');
    expect(formatDuration(4200)).to.equal('4.2 s');
    expect(formatDuration(185_000)).to.equal('3 min 5 s');
  });
});
