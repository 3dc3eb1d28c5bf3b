// Entry of the all-in-one CDN bundle: registers every element and exports every class and helper.
import '@k8s-chat/core/k8s-chat-provider.js';
import '@k8s-chat/chat-session/k8s-chat.js';
import '@k8s-chat/command-preview/k8s-command-preview.js';
import '@k8s-chat/command-preview/k8s-approval-queue.js';
import '@k8s-chat/execution-status/k8s-execution-status.js';
import '@k8s-chat/history/k8s-command-history.js';

export * from '@k8s-chat/core';
export * from '@k8s-chat/chat-session';
export * from '@k8s-chat/command-preview';
export * from '@k8s-chat/execution-status';
export * from '@k8s-chat/history';
