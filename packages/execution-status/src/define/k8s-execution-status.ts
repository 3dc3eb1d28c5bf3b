import { defineElement } from '@k8s-chat/core';
import { K8sExecutionStatus } from '../k8s-execution-status/k8s-execution-status.js';

defineElement('k8s-execution-status', K8sExecutionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'k8s-execution-status': K8sExecutionStatus;
  }
}
