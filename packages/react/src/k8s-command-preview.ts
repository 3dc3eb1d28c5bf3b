import React from 'react';
import { createComponent, type EventName } from '@lit/react';
import '@k8s-chat/command-preview/k8s-command-preview.js';
import '@k8s-chat/command-preview/k8s-approval-queue.js';
import {
  K8sApprovalQueue as K8sApprovalQueueElement,
  K8sCommandPreview as K8sCommandPreviewElement,
  type CommandApproveEvent,
  type CommandRejectEvent,
  type CommandRunEvent,
} from '@k8s-chat/command-preview';

const decisions = {
  onK8sCommandApprove: 'k8s-command-approve' as EventName<CommandApproveEvent>,
  onK8sCommandReject: 'k8s-command-reject' as EventName<CommandRejectEvent>,
};

/** `<k8s-command-preview>` for React: one proposed command, its safety level and its Run button. */
export const K8sCommandPreview = createComponent({
  react: React,
  tagName: 'k8s-command-preview',
  elementClass: K8sCommandPreviewElement,
  events: { onK8sCommandRun: 'k8s-command-run' as EventName<CommandRunEvent>, ...decisions },
  displayName: 'K8sCommandPreview',
});

/** `<k8s-approval-queue>` for React: the requests waiting for an approver. */
export const K8sApprovalQueue = createComponent({
  react: React,
  tagName: 'k8s-approval-queue',
  elementClass: K8sApprovalQueueElement,
  events: decisions,
  displayName: 'K8sApprovalQueue',
});
