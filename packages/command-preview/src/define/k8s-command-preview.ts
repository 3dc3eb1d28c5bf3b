import { defineElement } from '@k8s-chat/core';
import { K8sCommandPreview } from '../k8s-command-preview/k8s-command-preview.js';

defineElement('k8s-command-preview', K8sCommandPreview);

declare global {
  interface HTMLElementTagNameMap {
    'k8s-command-preview': K8sCommandPreview;
  }
}
