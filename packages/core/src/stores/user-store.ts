import { atom, onMount, type ReadableAtom } from 'nanostores';
import type { User } from '@k8s-chat/contract';
import type { KubeChatApi } from '../api/api-client.js';
import type { TokenProvider } from '../auth/token-provider.js';

/**
 * The signed-in user: from the session grant when there is one, otherwise `GET /auth/me` (host mode).
 * Asking for it is what makes a lone element try its session, so it loads on mount, not before.
 */
export function createUserStore(api: KubeChatApi, auth: TokenProvider): ReadableAtom<User | null> {
  const $user = atom<User | null>(null);
  onMount($user, () => {
    let requested = false;
    return auth.$state.subscribe((state) => {
      if (state.status === 'signed-out') {
        requested = false;
        $user.set(null);
      } else if (state.user) {
        $user.set(state.user);
      } else if (!requested) {
        requested = true;
        api.me().then(
          (user) => $user.set(user),
          () => {
            requested = false;
          },
        );
      }
    });
  });
  return $user;
}
