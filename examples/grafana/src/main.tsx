// A Grafana-style dashboard: a panel plugin gets `width`, `height` and the dashboard variables; the
// history widget fills the panel body, compact, filtered by the $namespace variable and the time range.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { K8sChatProvider, K8sCommandHistory } from '@k8s-chat/react';
import { createHostIdentity, type HostUser } from '../../../demo/host-identity.js';
import { SERVER_URL } from '../../shared/server-url.js';
import { SignIn } from '../../shared/sign-in.js';

// In Grafana the token would come from the plugin's backend (a resource route); here a stand-in.
const identity = createHostIdentity(SERVER_URL);

/** The subset of Grafana's PanelProps this panel reads. */
interface PanelProps {
  readonly width: number;
  readonly height: number;
  readonly replaceVariables: (text: string) => string;
}

const PANEL_HEADER = 32;

/** What a panel plugin's `PanelPlugin(HistoryPanel)` would render. */
export function HistoryPanel({ width, height, replaceVariables }: PanelProps) {
  return (
    <K8sCommandHistory
      compact
      noSummary
      namespace={replaceVariables('$namespace')}
      since={replaceVariables('$__range')}
      style={{ display: 'block', width, height }}
    />
  );
}

// Grafana's grid: 24 columns, 30px rows with 8px gaps; this panel is w=12, h=10 of a 1200px dashboard.
const variables: Record<string, string> = { $namespace: 'staging', $__range: '24h' };
const replaceVariables = (text: string) => variables[text] ?? text;
const panelWidth = 12 * (1200 / 24) - 8;
const panelHeight = 10 * 30 + 9 * 8;

function Dashboard() {
  const [user, setUser] = useState<HostUser | null>(identity.user);
  const [ready, setReady] = useState(false);
  useEffect(() => identity.onChange(setUser), []);
  useEffect(() => void identity.resume().finally(() => setReady(true)), []);
  return (
    <div className="grafana">
      <header className="toolbar">
        <strong>Dashboards / Kubernetes operations</strong>
        <span>namespace: {variables.$namespace}</span>
        <span>Last 24 hours</span>
      </header>
      <main className="dashboard">
        {!ready ? (
          <p>Loading…</p>
        ) : !user ? (
          <SignIn onSignIn={identity.signIn} />
        ) : (
          <K8sChatProvider baseUrl={SERVER_URL} auth="host" getAccessToken={identity.getAccessToken}>
            <section
              className="panel"
              style={{ width: panelWidth, height: panelHeight }}
              aria-labelledby="panel-title"
            >
              <h2 id="panel-title" className="panel-title" style={{ height: PANEL_HEADER }}>
                Commands in {variables.$namespace}
              </h2>
              <HistoryPanel
                width={panelWidth - 16}
                height={panelHeight - PANEL_HEADER - 16}
                replaceVariables={replaceVariables}
              />
            </section>
          </K8sChatProvider>
        )}
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<Dashboard />);
