// A Backstage-style entity page: the history card reads the entity's Kubernetes namespace annotation
// and shows only that namespace's commands, compact, in a half-width InfoCard as Backstage lays it out.
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { K8sChatProvider, K8sCommandHistory } from '@k8s-chat/react';
import { createHostIdentity, type HostUser } from '../../../demo/host-identity.js';
import { SERVER_URL } from '../../shared/server-url.js';
import { SignIn } from '../../shared/sign-in.js';

// In Backstage this is identityApi (useApi(identityApiRef).getCredentials()); here a stand-in.
const identity = createHostIdentity(SERVER_URL);

const entity = {
  metadata: {
    name: 'checkout-web',
    annotations: { 'backstage.io/kubernetes-namespace': 'prod' },
  },
};

/** The card a plugin would export: `<EntityKubeChatHistoryCard />` on an entity page. */
export function EntityKubeChatHistoryCard() {
  const namespace = entity.metadata.annotations['backstage.io/kubernetes-namespace'];
  return (
    <section className="info-card" aria-labelledby="kubechat-card-title">
      <header className="info-card-header">
        <h2 id="kubechat-card-title">Kubernetes commands</h2>
        <p>namespace {namespace} · last 7 days</p>
      </header>
      <K8sCommandHistory className="info-card-content" compact noSummary namespace={namespace} since="7d" />
    </section>
  );
}

function EntityPage() {
  const [user, setUser] = useState<HostUser | null>(identity.user);
  const [ready, setReady] = useState(false);
  useEffect(() => identity.onChange(setUser), []);
  useEffect(() => void identity.resume().finally(() => setReady(true)), []);
  return (
    <div className="backstage">
      <nav className="sidebar" aria-label="Backstage">
        <strong>Backstage</strong>
        <a href="#catalog">Catalog</a>
        <a href="#docs">Docs</a>
      </nav>
      <div className="page">
        <header className="entity-header">
          <h1>{entity.metadata.name}</h1>
          <p>component · owner team-checkout</p>
        </header>
        <main className="grid">
          {!ready ? (
            <p>Loading…</p>
          ) : !user ? (
            <SignIn onSignIn={identity.signIn} />
          ) : (
            <K8sChatProvider baseUrl={SERVER_URL} auth="host" getAccessToken={identity.getAccessToken}>
              <section className="info-card" aria-labelledby="about-title">
                <header className="info-card-header">
                  <h2 id="about-title">About</h2>
                </header>
                <p className="info-card-content">The storefront&apos;s web tier.</p>
              </section>
              <EntityKubeChatHistoryCard />
            </K8sChatProvider>
          )}
        </main>
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<EntityPage />);
