import { expect, fixture, html } from '@open-wc/testing';
import '../src/define/k8s-command-preview.js';
import type { K8sCommandPreview } from '../src/index.js';

describe('<k8s-command-preview>', () => {
  it('shows the command, the level as text and the explanation', async () => {
    const el = await fixture<K8sCommandPreview>(
      html`<k8s-command-preview
        command="kubectl scale deployment/api -n prod --replicas=3"
        safety-level="warning"
        explanation="Scales api to 3 replicas."
      ></k8s-command-preview>`,
    );
    const root = el.shadowRoot!;
    expect(root.querySelector('[part=command]')!.textContent).to.equal(
      'kubectl scale deployment/api -n prod --replicas=3',
    );
    expect(root.querySelector('[part=badge]')!.textContent).to.contain('Warning');
    expect(root.querySelector('[part=explanation]')!.textContent).to.equal('Scales api to 3 replicas.');
    await expect(el).to.be.accessible();
  });

  it('renders a hostile command as inert text', async () => {
    const el = await fixture<K8sCommandPreview>(
      html`<k8s-command-preview .command=${'<img src=x onerror=alert(1)>'}></k8s-command-preview>`,
    );
    const code = el.shadowRoot!.querySelector('[part=command]')!;
    expect(code.querySelector('img')).to.equal(null);
    expect(code.textContent).to.equal('<img src=x onerror=alert(1)>');
  });

  it('treats an unknown safety level as dangerous', async () => {
    const el = await fixture<K8sCommandPreview>(
      html`<k8s-command-preview command="kubectl get pods" safety-level="low"></k8s-command-preview>`,
    );
    expect(el.safetyLevel).to.equal('dangerous');
    expect(el.getAttribute('safety-level')).to.equal('dangerous');
  });
});
