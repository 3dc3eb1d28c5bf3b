// A React 19 host page that embeds the k8s-chat elements through @k8s-chat/react. The host owns the
// sign-in (host-delegated auth): it keeps the access token and hands getAccessToken to the provider.
import React, { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  K8sApprovalQueue,
  K8sChat,
  K8sChatProvider,
  K8sCommandHistory,
  K8sCommandPreview,
  K8sExecutionStatus,
} from '@k8s-chat/react';
import { createHostIdentity, type HostUser } from '../../../demo/host-identity.js';
import { SERVER_URL } from '../../shared/server-url.js';
import { SignIn } from '../../shared/sign-in.js';

const identity = createHostIdentity(SERVER_URL);

function App() {
  const [user, setUser] = useState<HostUser | null>(identity.user);
  const [ready, setReady] = useState(false);
  const [events, setEvents] = useState<string[]>([]);
  const [opened, setOpened] = useState<string | null>(null);
  const log = (line: string) => setEvents((lines) => [...lines.slice(-4), line]);

  useEffect(() => identity.onChange(setUser), []);
  useEffect(() => {
    void identity.resume().finally(() => setReady(true));
  }, []);

  if (!ready) return <p>Loading…</p>;
  if (!user) return <SignIn onSignIn={identity.signIn} />;
  return (
    <K8sChatProvider
      baseUrl={SERVER_URL}
      auth="host"
      getAccessToken={identity.getAccessToken}
      onK8sAuthRequired={() => void identity.signOut()}
    >
      <header className="bar">
        <strong>React host</strong>
        <span data-testid="who">{user.username}</span>
        <button type="button" onClick={() => void identity.signOut()}>
          Sign out
        </button>
      </header>
      <main className="layout">
        <K8sChat
          className="chat"
          onK8sMessageSend={(event) => log(`message-send: ${event.detail.content}`)}
          onK8sSessionChange={(event) => log(`session-change: ${event.detail.sessionId ?? 'none'}`)}
        />
        <aside className="side">
          <h2>Approvals</h2>
          <K8sApprovalQueue compact />
          <section aria-labelledby="quick-check">
            <h2 id="quick-check">Quick check</h2>
            <K8sCommandPreview
              command="kubectl get nodes"
              safetyLevel="safe"
              explanation="Lists the cluster's nodes."
              onK8sCommandRun={(event) => log(`command-run: ${event.detail.command}`)}
            />
          </section>
          <h2>Recent commands</h2>
          <K8sCommandHistory
            compact
            noSummary
            since="24h"
            onK8sHistorySelect={(event) => {
              // The host shows the run in its own panel instead of the element's dialog.
              event.preventDefault();
              setOpened(event.detail.execution.id);
              log(`history-select: ${event.detail.execution.command}`);
            }}
          />
          {opened && (
            <section aria-label="Opened run">
              <K8sExecutionStatus executionId={opened} compact />
            </section>
          )}
          <h2>Events the host heard</h2>
          <ul aria-label="Host event log">
            {events.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </aside>
      </main>
    </K8sChatProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <App />
  </React.StrictMode>,
);
