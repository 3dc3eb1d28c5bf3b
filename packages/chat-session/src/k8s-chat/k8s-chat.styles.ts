import { css } from 'lit';

export const chatStyles = css`
  :host {
    --_k8s-chat-bg: var(--k8s-chat-bg, var(--_k8s-color-bg));
    --_k8s-chat-user-bg: var(--k8s-chat-user-bg, var(--_k8s-color-accent));
    --_k8s-chat-user-text: var(--k8s-chat-user-text, var(--_k8s-color-on-accent));
    --_k8s-chat-assistant-bg: var(--k8s-chat-assistant-bg, var(--_k8s-color-surface));
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    block-size: 100%;
    min-block-size: 240px;
    background: var(--_k8s-chat-bg);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
  }
  [part='messages'] {
    flex: 1;
    overflow-y: auto;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: var(--_k8s-space-3);
    display: flex;
    flex-direction: column;
    gap: var(--_k8s-space-2);
  }
  [part~='message'] {
    max-inline-size: 85%;
    padding: var(--_k8s-space-2) var(--_k8s-space-3);
    border-radius: var(--_k8s-radius);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  [part~='message-user'] {
    align-self: flex-end;
    background: var(--_k8s-chat-user-bg);
    color: var(--_k8s-chat-user-text);
  }
  [part~='message-assistant'],
  [part~='message-system'] {
    align-self: flex-start;
    background: var(--_k8s-chat-assistant-bg);
  }
  [part='composer'] {
    display: flex;
    gap: var(--_k8s-space-2);
    padding: var(--_k8s-space-2);
    border-block-start: 1px solid var(--_k8s-color-border);
  }
  textarea {
    flex: 1;
    resize: vertical;
    min-block-size: 2.5em;
    font: inherit;
    color: inherit;
    background: var(--_k8s-color-bg);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
    padding: var(--_k8s-space-2);
  }
  textarea:focus-visible,
  button:focus-visible {
    outline: 2px solid var(--_k8s-color-focus);
    outline-offset: 1px;
  }
  button {
    font: inherit;
    background: var(--_k8s-color-accent);
    color: var(--_k8s-color-on-accent);
    border: 0;
    border-radius: var(--_k8s-radius);
    padding-inline: var(--_k8s-space-4);
    cursor: pointer;
  }
`;
