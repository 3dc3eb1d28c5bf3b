import { expect, fixture, html } from '@open-wc/testing';
import { css } from 'lit';
import { defineElement, K8sElement } from '../src/index.js';

class TokenProbe extends K8sElement {
  static override styles = [
    K8sElement.styles,
    css`
      p {
        color: var(--_k8s-color-text);
      }
    `,
  ];
  override render() {
    return html`<p>probe</p>`;
  }
}
defineElement('k8s-token-probe', TokenProbe);

const colorOf = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('p')!).color;

describe('theme tokens', () => {
  it('uses light defaults, dark when forced, and a host override over both', async () => {
    const light = await fixture(html`<k8s-token-probe theme="light"></k8s-token-probe>`);
    const dark = await fixture(html`<k8s-token-probe theme="dark"></k8s-token-probe>`);
    const branded = await fixture(
      html`<div style="--k8s-color-text: rgb(1, 2, 3)">
        <k8s-token-probe theme="dark"></k8s-token-probe>
      </div>`,
    );
    expect(colorOf(light)).to.equal('rgb(31, 35, 40)');
    expect(colorOf(dark)).to.equal('rgb(230, 237, 243)');
    expect(colorOf(branded.firstElementChild!)).to.equal('rgb(1, 2, 3)');
  });

  it('hides the host with the hidden attribute', async () => {
    const el = await fixture(html`<k8s-token-probe hidden></k8s-token-probe>`);
    expect(getComputedStyle(el).display).to.equal('none');
  });
});
