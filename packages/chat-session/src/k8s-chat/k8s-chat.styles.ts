import { css } from 'lit';

export const chatStyles = css`
  :host {
    --_k8s-chat-bg: var(--k8s-chat-bg, var(--_k8s-color-bg));
    --_k8s-chat-user-bg: var(--k8s-chat-user-bg, var(--_k8s-color-accent));
    --_k8s-chat-user-text: var(--k8s-chat-user-text, var(--_k8s-color-on-accent));
    --_k8s-chat-assistant-bg: var(--k8s-chat-assistant-bg, var(--_k8s-color-surface));
    --_k8s-chat-system-bg: var(--k8s-chat-system-bg, var(--_k8s-color-warning-surface));
    --_k8s-chat-sessions-width: var(--k8s-chat-sessions-width, 15rem);
    --_k8s-chat-sessions-bg: var(--k8s-chat-sessions-bg, var(--_k8s-color-surface));
    --_k8s-chat-code-bg: var(--k8s-chat-code-bg, var(--_k8s-color-code-bg));
    --_k8s-chat-banner-bg: var(--k8s-chat-banner-bg, var(--_k8s-color-warning-surface));
    --_k8s-chat-error-color: var(--k8s-chat-error-color, var(--_k8s-color-danger));
    --_k8s-chat-hit-bg: var(--k8s-chat-hit-bg, var(--_k8s-color-warning-surface));
    --_k8s-chat-gap: var(--k8s-chat-gap, var(--_k8s-space-2));
    container-type: inline-size;
    block-size: 100%;
  }
  :host([compact]) {
    --_k8s-chat-gap: var(--k8s-chat-gap, var(--_k8s-space-1));
    font-size: 0.9em;
  }
  [part='base'] {
    display: flex;
    block-size: 100%;
    min-block-size: 240px;
    background: var(--_k8s-chat-bg);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
    overflow: hidden;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    background: var(--_k8s-color-accent);
    color: var(--_k8s-color-on-accent);
    border: 1px solid transparent;
    border-radius: var(--_k8s-radius);
    padding: var(--_k8s-space-1) var(--_k8s-space-3);
    cursor: pointer;
  }
  button.ghost {
    background: transparent;
    color: var(--_k8s-color-text);
    border-color: var(--_k8s-color-border);
  }
  button.icon {
    padding: 0 var(--_k8s-space-2);
  }
  :is(button, input, select, textarea, [tabindex]):focus-visible {
    outline: 2px solid var(--_k8s-color-focus);
    outline-offset: 1px;
  }
  .muted {
    color: var(--_k8s-color-text-muted);
  }

  /* Sessions */
  [part='sessions'] {
    flex: 0 0 var(--_k8s-chat-sessions-width);
    display: flex;
    flex-direction: column;
    gap: var(--_k8s-space-2);
    padding: var(--_k8s-space-2);
    background: var(--_k8s-chat-sessions-bg);
    border-inline-end: 1px solid var(--_k8s-color-border);
    overflow-y: auto;
  }
  [part='sessions']:not([data-open]) {
    flex-basis: auto;
  }
  .sessions-head {
    display: flex;
    gap: var(--_k8s-space-1);
    justify-content: space-between;
  }
  [part='sessions'] ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_k8s-space-1);
  }
  [part~='session'] {
    display: flex;
    align-items: center;
    gap: var(--_k8s-space-1);
  }
  [part~='session'] input {
    flex: 1;
    min-inline-size: 0;
  }
  .session-title {
    flex: 1;
    min-inline-size: 0;
    text-align: start;
    background: transparent;
    color: var(--_k8s-color-text);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part~='session-active'] .session-title {
    border-color: var(--_k8s-color-accent);
    font-weight: 600;
  }
  .unread {
    color: var(--_k8s-color-accent);
    margin-inline-start: var(--_k8s-space-1);
  }

  /* Conversation */
  [part='conversation'] {
    flex: 1;
    min-inline-size: 0;
    display: flex;
    flex-direction: column;
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_k8s-space-1);
    padding: var(--_k8s-space-2);
    border-block-end: 1px solid var(--_k8s-color-border);
  }
  .title {
    flex: 1;
    margin: 0;
    font-size: 1em;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part='search'] {
    display: flex;
    gap: var(--_k8s-space-2);
    align-items: center;
    padding: var(--_k8s-space-2);
  }
  [part='search'] input {
    flex: 1;
  }
  [part='banner'],
  .undo,
  .error {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    align-items: center;
    padding: var(--_k8s-space-2) var(--_k8s-space-3);
    background: var(--_k8s-chat-banner-bg);
  }
  .error {
    color: var(--_k8s-chat-error-color);
    background: var(--_k8s-color-danger-surface);
  }
  .request-id {
    font-family: var(--_k8s-font-mono, monospace);
    font-size: 0.85em;
  }
  .messages-wrap {
    position: relative;
    flex: 1;
    min-block-size: 0;
    display: flex;
    flex-direction: column;
  }
  [part='messages'] {
    flex: 1;
    min-block-size: 0;
    overflow-y: auto;
    padding-inline: var(--_k8s-space-3);
  }
  [part='messages'][hidden] {
    display: none;
  }
  .row {
    display: flex;
    inline-size: 100%;
    padding-block: calc(var(--_k8s-chat-gap) / 2);
  }
  .row-user {
    justify-content: flex-end;
  }
  [part~='message'] {
    max-inline-size: min(85%, 60rem);
    padding: var(--_k8s-space-2) var(--_k8s-space-3);
    border-radius: var(--_k8s-radius);
    overflow-wrap: anywhere;
  }
  [part~='message-user'] {
    background: var(--_k8s-chat-user-bg);
    color: var(--_k8s-chat-user-text);
  }
  [part~='message-assistant'] {
    background: var(--_k8s-chat-assistant-bg);
  }
  [part~='message-system'] {
    background: var(--_k8s-chat-system-bg);
  }
  [part~='search-hit'] {
    outline: 2px dashed var(--_k8s-color-warning);
  }
  [part~='search-current'] {
    outline-style: solid;
  }
  mark {
    background: var(--_k8s-chat-hit-bg);
    color: var(--_k8s-color-text);
  }
  [part='message-meta'] {
    display: flex;
    gap: var(--_k8s-space-2);
    font-size: 0.8em;
  }
  .author {
    font-weight: 600;
  }
  .text {
    white-space: pre-wrap;
  }
  .markdown > :first-child {
    margin-block-start: 0;
  }
  .markdown > :last-child {
    margin-block-end: 0;
  }
  .markdown a {
    color: var(--_k8s-color-accent);
  }
  pre {
    position: relative;
    margin: var(--_k8s-space-2) 0;
    padding: var(--_k8s-space-2);
    background: var(--_k8s-chat-code-bg);
    color: var(--_k8s-color-text);
    border-radius: var(--_k8s-radius);
    overflow-x: auto;
    font-family: var(--_k8s-font-mono, monospace);
    white-space: pre;
  }
  pre .copy {
    position: absolute;
    inset-block-start: var(--_k8s-space-1);
    inset-inline-end: var(--_k8s-space-1);
    font-size: 0.8em;
    padding: 0 var(--_k8s-space-2);
    background: var(--_k8s-color-surface-raised);
    color: var(--_k8s-color-text);
    border-color: var(--_k8s-color-border);
  }
  .tok-cmd,
  .tok-key {
    color: var(--_k8s-color-accent);
    font-weight: 600;
  }
  .tok-flag {
    color: var(--_k8s-color-warning);
  }
  .tok-string {
    color: var(--_k8s-color-safe);
  }
  .tok-literal {
    color: var(--_k8s-color-danger);
  }
  .tok-comment {
    color: var(--_k8s-color-text-muted);
    font-style: italic;
  }
  .output figcaption {
    font-size: 0.8em;
    color: var(--_k8s-color-text-muted);
  }
  .output {
    margin: var(--_k8s-space-2) 0 0;
  }
  .failed {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    align-items: center;
    margin-block-start: var(--_k8s-space-1);
    font-size: 0.9em;
  }
  [part='command'] {
    display: block;
    margin-block-start: var(--_k8s-space-2);
  }
  [part='new-messages'] {
    position: absolute;
    inset-block-end: var(--_k8s-space-2);
    inset-inline-start: 50%;
    transform: translateX(-50%);
    box-shadow: 0 1px 4px rgb(0 0 0 / 20%);
  }
  [part='examples'] {
    flex: 1;
    padding: var(--_k8s-space-4);
    overflow-y: auto;
  }
  [part='examples'] ul {
    list-style: none;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: var(--_k8s-space-2);
  }
  .example {
    text-align: start;
    background: var(--_k8s-color-surface);
    color: var(--_k8s-color-text);
    border-color: var(--_k8s-color-border);
  }

  /* Composer */
  .read-only {
    margin: 0;
    padding: var(--_k8s-space-2) var(--_k8s-space-3);
    border-block-start: 1px solid var(--_k8s-color-border);
    color: var(--_k8s-color-text-muted);
  }
  .typing {
    margin: 0;
    padding: 0 var(--_k8s-space-3);
    font-size: 0.85em;
    color: var(--_k8s-color-text-muted);
  }
  [part='validation'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    padding: var(--_k8s-space-1) var(--_k8s-space-3);
    font-size: 0.9em;
  }
  [part='validation'] .level {
    font-weight: 600;
    text-transform: uppercase;
  }
  [part='validation'][data-level='safe'] .level {
    color: var(--_k8s-color-safe);
  }
  [part='validation'][data-level='warning'] .level {
    color: var(--_k8s-color-warning);
  }
  [part='validation'][data-level='dangerous'] .level {
    color: var(--_k8s-color-danger);
  }
  .kubectl-preview {
    margin: 0 var(--_k8s-space-2);
    white-space: pre-wrap;
  }
  [part='composer'] {
    position: relative;
    display: flex;
    gap: var(--_k8s-space-2);
    padding: var(--_k8s-space-2);
    border-block-start: 1px solid var(--_k8s-color-border);
  }
  textarea {
    flex: 1;
    resize: vertical;
    min-block-size: 2.5em;
    background: var(--_k8s-color-bg);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
    padding: var(--_k8s-space-2);
  }
  textarea.kubectl {
    font-family: var(--_k8s-font-mono, monospace);
  }
  [part='completions'] {
    position: absolute;
    inset-block-end: 100%;
    inset-inline-start: var(--_k8s-space-2);
    margin: 0;
    padding: var(--_k8s-space-1);
    list-style: none;
    background: var(--_k8s-color-surface-raised);
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
    font-family: var(--_k8s-font-mono, monospace);
    z-index: 1;
  }
  [part='completions'][hidden] {
    display: none;
  }
  [role='option'] {
    padding: var(--_k8s-space-1) var(--_k8s-space-2);
    cursor: pointer;
  }
  [role='option'][aria-selected='true'] {
    background: var(--_k8s-color-accent);
    color: var(--_k8s-color-on-accent);
  }
  dialog {
    border: 1px solid var(--_k8s-color-border);
    border-radius: var(--_k8s-radius);
    background: var(--_k8s-color-surface-raised);
    color: var(--_k8s-color-text);
  }
  dialog form {
    display: flex;
    flex-direction: column;
    gap: var(--_k8s-space-2);
  }
  dialog h2 {
    margin: 0;
    font-size: 1.1em;
  }
  .dialog-actions {
    display: flex;
    justify-content: flex-end;
    gap: var(--_k8s-space-2);
  }

  /* Threads: explicit replies quote what they answer; a thread can be folded away. */
  .row-thread {
    padding-inline-start: var(--_k8s-space-4, 1.5rem);
  }
  [part~='message-in-thread'] {
    border-inline-start: 3px solid var(--_k8s-color-border);
  }
  [part~='reply-target'] {
    outline: 2px solid var(--_k8s-color-accent);
    outline-offset: 1px;
  }
  [part~='message'] button.ghost,
  .quote {
    color: inherit;
    border-color: currentColor;
  }
  [part='message-meta'] .reply {
    margin-inline-start: auto;
    padding: 0 var(--_k8s-space-2);
    font-size: 1em;
  }
  .quote {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    inline-size: 100%;
    margin-block-end: var(--_k8s-space-1);
    padding: var(--_k8s-space-1) var(--_k8s-space-2);
    background: transparent;
    border: 0;
    border-inline-start: 3px solid currentColor;
    border-radius: 0;
    text-align: start;
    font-size: 0.85em;
  }
  .quote-author {
    font-weight: 600;
  }
  .thread-toggle {
    margin-block-start: var(--_k8s-space-1);
    font-size: 0.85em;
  }
  .replying,
  .context-cleared {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    align-items: center;
    justify-content: space-between;
    margin: 0;
    padding: var(--_k8s-space-1) var(--_k8s-space-3);
    border-block-start: 1px solid var(--_k8s-color-border);
    font-size: 0.9em;
  }
  .context {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_k8s-space-2);
    align-items: center;
    margin: var(--_k8s-space-2) 0 0;
    font-size: 0.85em;
  }
  mark[part='redacted'] {
    padding-inline: 0.2em;
    border: 1px dashed currentColor;
    border-radius: var(--_k8s-radius);
    background: var(--_k8s-color-warning-surface);
    color: var(--_k8s-color-text);
    font-style: italic;
  }

  /* Windows high contrast: the system colours replace ours, so borders and outlines carry the meaning. */
  @media (forced-colors: active) {
    [part='base'],
    [part~='message'],
    [part='composer'] textarea,
    [part='validation'],
    .context,
    mark[part='redacted'] {
      border: 1px solid CanvasText;
    }
    button,
    button.ghost {
      border: 1px solid ButtonText;
    }
    :is(button, input, select, textarea, [tabindex]):focus-visible {
      outline: 2px solid Highlight;
    }
    [part~='search-hit'],
    [part~='reply-target'] {
      outline: 2px solid Highlight;
    }
    [part~='message-in-thread'],
    .quote {
      border-inline-start: 3px solid CanvasText;
    }
    mark {
      forced-color-adjust: none;
      background: Mark;
      color: MarkText;
    }
    mark[part='redacted'] {
      border-style: dashed;
    }
    /* The safety level is a word, not just a colour; the border keeps its box visible. */
    [part='validation'] .level {
      border: 1px solid CanvasText;
    }
  }

  /* A 360 px side panel: the session list stacks above the conversation. */
  @container (max-width: 560px) {
    [part='base'] {
      flex-direction: column;
    }
    [part='sessions'] {
      flex: 0 0 auto;
      max-block-size: 40%;
      border-inline-end: 0;
      border-block-end: 1px solid var(--_k8s-color-border);
    }
    [part~='message'] {
      max-inline-size: 95%;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      scroll-behavior: auto !important;
      transition: none !important;
    }
  }
`;
