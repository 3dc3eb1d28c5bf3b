// Types of host-identity.js, for the TypeScript examples that import it.
export interface HostUser {
  readonly id: string;
  readonly username: string;
  readonly role: string;
}
export interface HostIdentity {
  readonly user: HostUser | null;
  onChange(listener: (user: HostUser | null) => void): () => void;
  signIn(username: string, password: string): Promise<HostUser>;
  resume(): Promise<HostUser | null>;
  signOut(): Promise<void>;
  getAccessToken(options: { forceRefresh: boolean }): Promise<{ token: string; expiresIn: number } | null>;
}
export function createHostIdentity(baseUrl?: string): HostIdentity;
