import { defineElement } from '@k8s-chat/core';
import { K8sAccountSettings } from '../k8s-account-settings/k8s-account-settings.js';

defineElement('k8s-account-settings', K8sAccountSettings);

declare global {
  interface HTMLElementTagNameMap {
    'k8s-account-settings': K8sAccountSettings;
  }
}
