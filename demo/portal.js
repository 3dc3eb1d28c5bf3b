// The demo portal: a host page that uses the published elements the way a customer would, with the
// standalone session against the reference server (the refresh token stays in an httpOnly cookie).
const provider = document.getElementById('provider');
const $ = (id) => document.getElementById(id);
const pages = ['dashboard', 'chat', 'history', 'approvals'];

await customElements.whenDefined('k8s-chat-provider');

// The elements are created when someone signs in and removed when they sign out, so nothing asks the
// server for data before there is a session, and the next person starts with fresh elements.
const ELEMENTS = [
  { container: '#page-chat', tag: 'k8s-chat', className: 'chat' },
  { container: '#page-history', tag: 'k8s-command-history', className: 'history' },
  { container: '#page-approvals', tag: 'k8s-approval-queue', className: 'approvals' },
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

// Nobody is signed in (first visit, a session that could not be renewed, or a sign-out in another tab).
provider.addEventListener('k8s-auth-required', () => show('signed-out'));

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
    show('signed-in', user);
  } catch (error) {
    $('login-error').textContent = error?.hint ?? error?.message ?? 'Sign-in failed.';
  }
});

$('logout').addEventListener('click', async () => {
  await provider.logout();
  show('signed-out');
});

$('theme-toggle').addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme !== 'dark';
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  $('theme-tokens').href = `/themes/${dark ? 'dark' : 'light'}.css`;
  $('theme-toggle').setAttribute('aria-pressed', String(dark));
});
