// Placeholder wiring until the live portal lands: shows the elements with sample data.
await customElements.whenDefined('k8s-command-history');
document.getElementById('history').rows = [
  {
    id: 'sample-1',
    created_at: new Date().toISOString(),
    username: 'alice',
    command: 'kubectl get pods -n prod',
    namespace: 'prod',
    safety_level: 'safe',
    status: 'completed',
    duration_ms: 310,
  },
];
const chat = document.getElementById('chat');
chat.messages = [
  { id: 'm1', role: 'assistant', content: 'Ask me about your cluster.', createdAt: new Date().toISOString() },
];
chat.addEventListener('k8s-message-send', (event) => {
  chat.messages = [
    ...chat.messages,
    {
      id: crypto.randomUUID(),
      role: 'user',
      content: event.detail.content,
      createdAt: new Date().toISOString(),
    },
  ];
});
