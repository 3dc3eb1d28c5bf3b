import { defineElement } from '@k8s-chat/core';
import { K8sCommandHistory } from '../k8s-command-history/k8s-command-history.js';

defineElement('k8s-command-history', K8sCommandHistory);

declare global {
  interface HTMLElementTagNameMap {
    'k8s-command-history': K8sCommandHistory;
  }
}
