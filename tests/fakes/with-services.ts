import { ContextProvider } from '@lit/context';
import { render, type TemplateResult } from 'lit';
import { servicesContext, type KubeChatServices } from '@k8s-chat/core';

/**
 * Renders `template` inside a plain element that provides `services` through context, the way a
 * `<k8s-chat-provider>` would: for stories and tests that hand elements recorded-fixture services.
 */
export function withServices(services: KubeChatServices, template: TemplateResult, style = ''): HTMLElement {
  const host = document.createElement('div');
  host.setAttribute('style', style);
  new ContextProvider(host, { context: servicesContext, initialValue: services });
  render(template, host);
  return host;
}
