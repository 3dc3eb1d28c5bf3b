import React from 'react';
import { createComponent, type EventName } from '@lit/react';
import '@k8s-chat/execution-status/k8s-execution-status.js';
import {
  K8sExecutionStatus as K8sExecutionStatusElement,
  type ExecutionCancelEvent,
  type RollbackRunEvent,
} from '@k8s-chat/execution-status';

/** `<k8s-execution-status>` for React: the live status and output of one execution. */
export const K8sExecutionStatus = createComponent({
  react: React,
  tagName: 'k8s-execution-status',
  elementClass: K8sExecutionStatusElement,
  events: {
    onK8sExecutionCancel: 'k8s-execution-cancel' as EventName<ExecutionCancelEvent>,
    onK8sRollbackRun: 'k8s-rollback-run' as EventName<RollbackRunEvent>,
  },
  displayName: 'K8sExecutionStatus',
});
