import { expect, fixture, html } from '@open-wc/testing';
import '../src/define/k8s-execution-status.js';
import type { K8sExecutionStatus } from '../src/index.js';

describe('<k8s-execution-status>', () => {
  it('shows each status in words and reflects it for styling', async () => {
    const el = await fixture<K8sExecutionStatus>(
      html`<k8s-execution-status status="executing"></k8s-execution-status>`,
    );
    expect(el.shadowRoot!.querySelector('[part=label]')!.textContent).to.equal('Running');
    el.status = 'failed';
    await el.updateComplete;
    expect(el.getAttribute('status')).to.equal('failed');
    expect(el.shadowRoot!.querySelector('[part=label]')!.textContent).to.equal('Failed');
    await expect(el).to.be.accessible();
  });

  it('falls back to pending for an unknown status', async () => {
    const el = await fixture<K8sExecutionStatus>(
      html`<k8s-execution-status status="exploded"></k8s-execution-status>`,
    );
    expect(el.status).to.equal('pending');
  });
});
