import React from 'react';
import { createComponent, type EventName } from '@lit/react';
import '@k8s-chat/core/k8s-chat-provider.js';
import { K8sChatProvider as K8sChatProviderElement, type AuthRequiredEvent } from '@k8s-chat/core';

/**
 * `<k8s-chat-provider>` for React. Pass `getAccessToken` (host-delegated auth) or `auth="session"`;
 * `onK8sAuthRequired` hears that nobody is signed in any more.
 */
export const K8sChatProvider = createComponent({
  react: React,
  tagName: 'k8s-chat-provider',
  elementClass: K8sChatProviderElement,
  events: {
    onK8sAuthRequired: 'k8s-auth-required' as EventName<AuthRequiredEvent>,
  },
  displayName: 'K8sChatProvider',
});
