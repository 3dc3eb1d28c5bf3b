import { useState, type FormEvent } from 'react';

/** The host's own sign-in form (in Backstage or Grafana the host is already signed in). */
export function SignIn({ onSignIn }: { onSignIn: (username: string, password: string) => Promise<unknown> }) {
  const [error, setError] = useState('');
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError('');
    try {
      await onSignIn(String(form.get('username')), String(form.get('password')));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Sign-in failed.');
    }
  }
  return (
    <form className="sign-in" onSubmit={submit} aria-label="Host sign-in">
      <label>
        User <input name="username" autoComplete="username" required />
      </label>
      <label>
        Password <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit">Sign in</button>
      <p role="alert">{error}</p>
    </form>
  );
}
