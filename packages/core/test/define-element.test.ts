import { expect } from '@open-wc/testing';
import { LitElement } from 'lit';
import { defineElement, K8sElement, VERSION } from '../src/index.js';

let counter = 0;
const uniqueTag = () => `k8s-test-define-${++counter}`;

describe('defineElement', () => {
  it('registers a new tag', () => {
    const tag = uniqueTag();
    class A extends LitElement {}
    defineElement(tag, A);
    expect(customElements.get(tag)).to.equal(A);
  });

  it('never throws on a second registration and keeps the first class', () => {
    const tag = uniqueTag();
    class A extends LitElement {}
    class B extends LitElement {}
    defineElement(tag, A);
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(() => defineElement(tag, B)).not.to.throw();
      expect(() => defineElement(tag, B)).not.to.throw();
    } finally {
      console.warn = warn;
    }
    expect(customElements.get(tag)).to.equal(A);
    expect(warnings.length, 'warns once per tag').to.equal(1);
  });

  it('stamps the core version on the base element', () => {
    expect(K8sElement.version).to.equal(VERSION);
  });
});
