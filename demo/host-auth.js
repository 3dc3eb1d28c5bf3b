// Host-delegated auth (the default for embedding): the portal signs the person in and owns the token;
// the provider only calls getAccessToken. Compare index.html, where the provider signs in itself.
import { createHostIdentity } from '/host-identity.js';

const $ = (id) => document.getElementById(id);
const identity = createHostIdentity('');
const provider = $('provider');
await customElements.whenDefined('k8s-chat-provider');
provider.getAccessToken = identity.getAccessToken;

function render(user) {
  $('login').hidden = Boolean(user);
  $('who').hidden = $('logout').hidden = !user;
  $('who').textContent = user ? `${user.username} · ${user.role}` : '';
  const page = $('chat-page');
  page.hidden = !user;
  // The chat exists only while someone is signed in, so it never asks for data without a session.
  const chat = page.querySelector('k8s-chat');
  if (user && !chat) {
    const element = document.createElement('k8s-chat');
    element.className = 'chat';
    page.append(element);
  } else if (!user && chat) {
    chat.remove();
  }
}
identity.onChange(render);
// The elements say when the token they got stopped working and the host could not renew it.
provider.addEventListener('k8s-auth-required', () => void identity.signOut());

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  // Kept before the await: event.currentTarget is null once the handler has yielded.
  const formElement = event.currentTarget;
  const form = new FormData(formElement);
  $('login-error').textContent = '';
  try {
    await identity.signIn(String(form.get('username')), String(form.get('password')));
    formElement.reset();
  } catch (error) {
    $('login-error').textContent = error.message;
  }
});
$('logout').addEventListener('click', () => void identity.signOut());

render(await identity.resume());
