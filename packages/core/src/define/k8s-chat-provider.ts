import { defineElement } from './define-element.js';
import { K8sChatProvider } from '../k8s-chat-provider/k8s-chat-provider.js';

defineElement('k8s-chat-provider', K8sChatProvider);

declare global {
  interface HTMLElementTagNameMap {
    'k8s-chat-provider': K8sChatProvider;
  }
}
