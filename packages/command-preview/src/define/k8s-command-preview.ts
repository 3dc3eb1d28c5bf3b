import { defineElement } from '@k8s-chat/core';
import '@k8s-chat/execution-status/k8s-execution-status.js';
import { K8sCommandPreview } from '../k8s-command-preview/k8s-command-preview.js';

defineElement('k8s-command-preview', K8sCommandPreview);

declare global {
  interface HTMLElementTagNameMap {
    'k8s-command-preview': K8sCommandPreview;
  }
}
