import React from 'react';
import { createComponent, type EventName } from '@lit/react';
import '@k8s-chat/history/k8s-command-history.js';
import {
  K8sCommandHistory as K8sCommandHistoryElement,
  type HistoryFilterChangeEvent,
  type HistorySelectEvent,
} from '@k8s-chat/history';

/** `<k8s-command-history>` for React: the searchable, exportable history (`compact` for small panels). */
export const K8sCommandHistory = createComponent({
  react: React,
  tagName: 'k8s-command-history',
  elementClass: K8sCommandHistoryElement,
  events: {
    onK8sHistorySelect: 'k8s-history-select' as EventName<HistorySelectEvent>,
    onK8sHistoryFilterChange: 'k8s-history-filter-change' as EventName<HistoryFilterChangeEvent>,
  },
  displayName: 'K8sCommandHistory',
});
