import React from 'react';
import { createComponent, type EventName } from '@lit/react';
import '@k8s-chat/chat-session/k8s-chat.js';
import {
  K8sChat as K8sChatElement,
  type MessageSendEvent,
  type SessionChangeEvent,
} from '@k8s-chat/chat-session';

/** `<k8s-chat>` for React: the chat with its sessions, messages and command previews. */
export const K8sChat = createComponent({
  react: React,
  tagName: 'k8s-chat',
  elementClass: K8sChatElement,
  events: {
    onK8sMessageSend: 'k8s-message-send' as EventName<MessageSendEvent>,
    onK8sSessionChange: 'k8s-session-change' as EventName<SessionChangeEvent>,
  },
  displayName: 'K8sChat',
});
