// A stand-in for a host's own identity service (Backstage's identityApi, a portal BFF): the HOST signs the
// person in and keeps the access token; the k8s-chat elements only ever ask for it through
// getAccessToken. Here the host talks to the reference server's auth routes itself; the refresh token
// stays in the server's httpOnly cookie, the access token only in this closure (never in storage).

/** @param {string} baseUrl the KubeChat server, e.g. '' for the same origin */
export function createHostIdentity(baseUrl = '') {
  const root = `${baseUrl.replace(/\/$/, '')}/api/v1/auth`;
  let token = null;
  let expiresAt = 0;
  let user = null;
  const listeners = new Set();
  const changed = () => listeners.forEach((listener) => listener(user));

  async function call(path, body, bearer) {
    const response = await fetch(`${root}/${path}`, {
      method: 'POST',
      credentials: 'include',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify(body ?? {}),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(json.error ?? `HTTP ${response.status}`);
      error.status = response.status;
      throw error;
    }
    return json.data;
  }

  function keep(data) {
    token = data.token;
    expiresAt = Date.parse(data.expires_at);
    user = data.user;
    changed();
    return data.user;
  }

  function forget() {
    token = null;
    expiresAt = 0;
    user = null;
    changed();
  }

  // One refresh at a time: concurrent callers share it (the refresh cookie rotates on every use).
  let refreshing = null;
  function refresh() {
    refreshing ??= call('refresh')
      .then(keep, (error) => {
        if (error.status === 401) forget();
        else throw error; // a passing failure: the elements retry with backoff
      })
      .finally(() => (refreshing = null));
    return refreshing;
  }

  return {
    get user() {
      return user;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signIn: async (username, password) => keep(await call('login', { username, password })),
    /** Resumes a session from the refresh cookie (a reload); resolves to the user or null. */
    resume: async () => (await refresh().catch(() => undefined), user),
    async signOut() {
      const bearer = token;
      forget();
      await call('logout', {}, bearer).catch(() => undefined);
    },
    /** What the host hands to <k8s-chat-provider>: a token and its remaining lifetime, or null. */
    async getAccessToken({ forceRefresh }) {
      if (forceRefresh || !token || Date.now() > expiresAt - 5_000) await refresh();
      return token ? { token, expiresIn: Math.max(0, Math.round((expiresAt - Date.now()) / 1000)) } : null;
    },
  };
}
