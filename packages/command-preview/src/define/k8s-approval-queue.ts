import { defineElement } from '@k8s-chat/core';
import { K8sApprovalQueue } from '../k8s-approval-queue/k8s-approval-queue.js';

defineElement('k8s-approval-queue', K8sApprovalQueue);

declare global {
  interface HTMLElementTagNameMap {
    'k8s-approval-queue': K8sApprovalQueue;
  }
}
