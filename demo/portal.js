// The demo portal: a host page that uses the published elements the way a customer would, with the
// standalone session against the reference server (the refresh token stays in an httpOnly cookie).
const provider = document.getElementById('provider');
const $ = (id) => document.getElementById(id);
const pages = ['dashboard', 'chat', 'history', 'approvals', 'account'];

await customElements.whenDefined('k8s-chat-provider');

// Idle timeout: the page's default (idle-timeout in index.html, 15 minutes), or ?idle=<seconds> and
// ?idle-warning=<seconds> for demos and tests that cannot wait a quarter of an hour; ?idle=0 turns it off.
const params = new URLSearchParams(location.search);
const secondsParam = (name, min) => {
  const value = Number(params.get(name));
  return params.has(name) && Number.isFinite(value) && value >= min ? value : null;
};
provider.idleTimeout = secondsParam('idle', 0) ?? provider.idleTimeout;
provider.idleWarning = secondsParam('idle-warning', 1) ?? provider.idleWarning;

// The elements are created when someone signs in and removed when they sign out, so nothing asks the
// server for data before there is a session, and the next person starts with fresh elements.
const ELEMENTS = [
  { container: '#page-chat', tag: 'k8s-chat', className: 'chat' },
  { container: '#page-history', tag: 'k8s-command-history', className: 'history' },
  { container: '#page-approvals', tag: 'k8s-approval-queue', className: 'approvals' },
  { container: '#page-account', tag: 'k8s-account-settings', className: 'account' },
  // The dashboard's cards: the last day's commands and the open approval requests, compact.
  {
    container: '#recent-heading',
    tag: 'k8s-command-history',
    className: 'card-body',
    attributes: { compact: '', 'no-filters': '', 'no-summary': '', since: '24h', 'page-size': '8' },
  },
  {
    container: '#waiting-heading',
    tag: 'k8s-approval-queue',
    className: 'card-body',
    attributes: { compact: '' },
  },
];
function mountElements(signedIn) {
  for (const { container, tag, className, attributes = {} } of ELEMENTS) {
    // A card's element goes after its heading; a page's element at the end of its section.
    const anchor = document.querySelector(container);
    const parent = anchor.tagName === 'H2' ? anchor.parentElement : anchor;
    const existing = parent.querySelector(tag);
    if (signedIn && !existing) {
      const element = document.createElement(tag);
      element.classList.add(className);
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      parent.append(element);
    } else if (!signedIn && existing) {
      existing.remove();
    }
  }
}

function show(state, user) {
  mountElements(state === 'signed-in');
  $('loading').hidden = true;
  $('login').hidden = state !== 'signed-out';
  document.querySelector('.portal-nav').hidden = state !== 'signed-in';
  $('logout').hidden = state !== 'signed-in';
  $('who').hidden = state !== 'signed-in';
  if (user) $('who').textContent = `${user.username} · ${user.role}`;
  route();
}

function route() {
  const signedIn = !$('logout').hidden;
  const page = pages.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'chat';
  for (const name of pages) $(`page-${name}`).hidden = !signedIn || name !== page;
  for (const link of document.querySelectorAll('.portal-nav a')) {
    if (link.dataset.page === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
window.addEventListener('hashchange', route);

/** "15 minutes", "1 minute", "90 seconds": the idle timeout as a person reads it. */
function describeSeconds(total) {
  const plural = (n, unit) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  return total % 60 === 0 ? plural(total / 60, 'minute') : plural(total, 'second');
}

// The last security notice about the signed-in person (a reused refresh token ended one of their sign-ins).
// If it was this device, the next request or renewal fails and the sign-in form says why.
let securityNotice = null;
provider.services?.hub.on('notification', (event) => {
  const payload = event.payload;
  const user = provider.services?.stores.$user.get();
  if (payload?.type === 'security' && user && payload.data?.user_id === user.id)
    securityNotice = { message: payload.message ?? '', at: Date.now() };
});

// Set while this tab's own Sign out runs: a 'logout' that this tab did not ask for came from another tab.
let signingOut = false;

/** What the sign-in form says about the session that just ended. */
function endedMessage(reason) {
  if (reason === 'logout') {
    const own = signingOut;
    signingOut = false;
    return own ? '' : 'You were signed out in another tab.';
  }
  if (reason === 'idle')
    return `You were signed out after ${describeSeconds(provider.idleTimeout)} without activity.`;
  if (reason === 'refresh-failed') {
    const notice = securityNotice && Date.now() - securityNotice.at < 5 * 60_000 ? securityNotice : null;
    return notice
      ? `You were signed out for your safety: ${notice.message} Sign in again.`
      : 'Your session ended (it expired or was signed out from another device). Sign in again.';
  }
  return '';
}

// Nobody is signed in (first visit, a session that could not be renewed, an idle timeout, or a sign-out
// in another tab).
provider.addEventListener('k8s-auth-required', (event) => {
  $('login-notice').textContent = endedMessage(event.detail.reason);
  securityNotice = null;
  show('signed-out');
});

// A reload finds the session through the refresh cookie; the user store says who is signed in.
provider.services?.stores.$user.subscribe((user) => {
  if (user) show('signed-in', user);
});

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  // Kept before the await: event.currentTarget is null once the handler has yielded.
  const formElement = event.currentTarget;
  const form = new FormData(formElement);
  $('login-error').textContent = '';
  try {
    const user = await provider.login(String(form.get('username')), String(form.get('password')));
    formElement.reset();
    $('login-notice').textContent = '';
    show('signed-in', user);
  } catch (error) {
    $('login-error').textContent = error?.hint ?? error?.message ?? 'Sign-in failed.';
  }
});

// Signing out "This device" in Account is this tab's own sign-out too (the element then ends the session).
provider.addEventListener('k8s-device-sign-out', (event) => {
  if (event.detail.current) signingOut = true;
});

$('logout').addEventListener('click', async () => {
  signingOut = true;
  try {
    await provider.logout();
  } finally {
    signingOut = false;
  }
  show('signed-out');
});

// Light/dark: the portal's chrome and the person's stored theme preference agree. Signed in, the stored
// preference (changed here, in Account, or on another device) decides; the switch stores the new choice
// through the elements' own preferences store. Signed out, the switch only changes this page.
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
let storedTheme = null; // 'system' | 'light' | 'dark' once the signed-in person's preferences are read

function applyTheme(theme) {
  const dark = theme === 'dark';
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  $('theme-tokens').href = `/themes/${dark ? 'dark' : 'light'}.css`;
  $('theme-toggle').setAttribute('aria-pressed', String(dark));
}
const resolve = (theme) => (theme === 'system' ? (systemDark.matches ? 'dark' : 'light') : theme);

// Listening also keeps the person's own topic open, which is where preference changes and notices arrive.
provider.services?.stores.$preferences.subscribe(({ value, loaded }) => {
  const signedIn = provider.services?.stores.$user.get() != null;
  storedTheme = signedIn && loaded ? value.theme : null;
  if (storedTheme) applyTheme(resolve(storedTheme));
});
systemDark.addEventListener('change', () => {
  if (storedTheme === 'system') applyTheme(resolve('system'));
});

$('theme-toggle').addEventListener('click', () => {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  applyTheme(next);
  if (storedTheme === null) return;
  // Applied at once by the store; if the server refuses, the store rolls back and the chrome follows.
  provider.services?.stores.updatePreferences({ theme: next }).catch(() => undefined);
});
