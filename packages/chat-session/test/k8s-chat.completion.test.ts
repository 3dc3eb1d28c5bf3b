import { expect, fixture, html } from '@open-wc/testing';
import { waitUntil } from '../../../tests/helpers/wait-until.js';
import { sendKeys } from '@web/test-runner-commands';
import '../src/define/k8s-chat.js';
import { LAST_SESSION_KEY, type K8sChat } from '../src/index.js';
import { namesQueryFor } from '../src/kubectl/cluster-names.js';
import { complete } from '../src/kubectl/completions.js';
import { fakeChat, message, session } from './helpers/fake-chat.js';

const $$ = (el: K8sChat, selector: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)];
const options = (el: K8sChat) => $$(el, '[role=option]').map((o) => o.textContent!.trim());
const textarea = (el: K8sChat) => el.shadowRoot!.querySelector('textarea')!;

describe('<k8s-chat> completion with names from the server', () => {
  let world: ReturnType<typeof fakeChat>;
  afterEach(() => {
    world?.services.dispose();
    localStorage.removeItem(LAST_SESSION_KEY);
  });

  const namesCalls = (kind?: string) =>
    world.net.calls.filter(
      (c) => c.url.pathname.endsWith('/cluster/names') && (!kind || c.url.searchParams.get('kind') === kind),
    );

  async function mount() {
    world = fakeChat({
      sessions: [session('s1')],
      messages: { s1: [message('s1', 'm1', { content: 'kubectl logs deploy/zeta -n prod' })] },
      clusterNames: { 'deploy|prod': ['api', 'web', 'worker'], 'namespaces|': ['team-a'] },
    });
    const wrapper = await fixture<HTMLElement>(
      html`<k8s-test-chat-services .services=${world.services}
        ><k8s-chat style="height: 480px"></k8s-chat
      ></k8s-test-chat-services>`,
    );
    const el = wrapper.querySelector('k8s-chat')!;
    await waitUntil(() => $$(el, '[part~=message]').length === 1, 'conversation loaded');
    return el;
  }

  /** Replaces the draft as typing would, without waiting for anything. */
  async function draft(el: K8sChat, text: string) {
    textarea(el).value = text;
    textarea(el).dispatchEvent(new Event('input'));
    await el.updateComplete;
  }

  it('offers the conversation at once, adds the server names when they come, and serves repeats from cache', async () => {
    const el = await mount();
    let release!: () => void;
    world.control.hold = new Promise<void>((resolve) => (release = resolve));
    el.focus();
    await sendKeys({ type: 'kubectl get deploy -n prod ' });
    await el.updateComplete;
    // The server has not answered: typing went on, and the conversation's names are offered already.
    expect(textarea(el).value).to.equal('kubectl get deploy -n prod ');
    expect(options(el)).to.deep.equal(['zeta']);
    release();
    world.control.hold = null;
    await waitUntil(() => options(el).length === 4, 'server names merged');
    expect(options(el)).to.deep.equal(['zeta', 'api', 'web', 'worker']);
    await expect(el).to.be.accessible();
    expect(namesCalls('deploy').map((c) => c.url.searchParams.get('namespace'))).to.deep.equal(['prod']);

    // Completing a prefix of the same kind and namespace is answered from the cache, with no request.
    await draft(el, 'kubectl describe deploy -n prod w');
    expect(options(el)).to.deep.equal(['web', 'worker']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(namesCalls('deploy').length).to.equal(1);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(textarea(el).value).to.equal('kubectl describe deploy -n prod web ');
  });

  it('offers the namespaces the server lists after -n', async () => {
    const el = await mount();
    await draft(el, 'kubectl get pods -n ');
    expect(options(el)).to.not.include('team-a');
    await waitUntil(() => options(el).includes('team-a'), 'namespaces listed');
    expect(options(el)).to.include('prod');
  });

  it('stays quiet when the server refuses or fails: completion just offers less', async () => {
    const el = await mount();
    await draft(el, 'kubectl get pods -n kube-system ');
    await waitUntil(() => namesCalls('pods').length === 1, 'asked once');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(options(el)).to.deep.equal([]);
    expect(
      $$(el, '[role=alert]')
        .map((n) => n.textContent!.trim())
        .join(''),
    ).to.not.match(/dangerous/i);
    // A refused answer is cached too, so typing on does not ask again.
    await draft(el, 'kubectl get pods -n kube-system c');
    await draft(el, 'kubectl get pods -n kube-system ');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(namesCalls('pods').length).to.equal(1);
    world.control.offline = true;
    await draft(el, 'kubectl get svc ');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(textarea(el).value).to.equal('kubectl get svc ');
    expect(options(el)).to.deep.equal([]);
  });

  it('knows where names and namespaces go (units)', () => {
    expect(namesQueryFor('kubectl get deploy -n prod ')).to.deep.equal({ kind: 'deploy', namespace: 'prod' });
    expect(namesQueryFor('kubectl -n prod get po w')).to.deep.equal({ kind: 'po', namespace: 'prod' });
    expect(namesQueryFor('kubectl get pods -n ')).to.deep.equal({ kind: 'namespaces', namespace: null });
    expect(namesQueryFor('kubectl get po')).to.equal(null);
    expect(namesQueryFor('kubectl logs pod/web x')).to.equal(null);
    expect(namesQueryFor('get pods x')).to.equal(null);
    expect(namesQueryFor('kubectl scale deployment/a')).to.deep.equal({
      kind: 'deployment',
      namespace: null,
    });
    expect(namesQueryFor('kubectl logs -n prod po/')).to.deep.equal({ kind: 'po', namespace: 'prod' });
    expect(namesQueryFor('kubectl get svc,pods x')).to.equal(null);
    const names = new Map([['pod', ['web-1']]]);
    expect(complete('kubectl logs -n prod po w', undefined, names)!.options).to.deep.equal(['web-1']);
    expect(complete('kubectl logs po --namespace=prod w', undefined, names)!.options).to.deep.equal([
      'web-1',
    ]);
    // The kind/name form keeps the kind as typed.
    expect(complete('kubectl logs -n prod po/w', undefined, names)!.options).to.deep.equal(['po/web-1']);
    expect(complete('kubectl logs pod/', undefined, names)!.options).to.deep.equal(['pod/web-1']);
    expect(complete('kubectl logs svc/', undefined, names)).to.equal(null);
  });
});
