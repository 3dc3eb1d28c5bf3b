import { defineElement } from '@k8s-chat/core';
import { K8sChat } from '../k8s-chat/k8s-chat.js';

defineElement('k8s-chat', K8sChat);

declare global {
  interface HTMLElementTagNameMap {
    'k8s-chat': K8sChat;
  }
}
