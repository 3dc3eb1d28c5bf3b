/**
 * Registers a custom element without ever throwing on a second registration.
 *
 * Pages that load an element twice (a CDN bundle plus an npm copy, two micro-frontends) would otherwise
 * fail with "this name has already been used with this registry" and take the whole page down. The first
 * registration wins; a different constructor for the same tag is reported once in development only.
 */
const warned = new Set<string>();

export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tag);
  if (!existing) {
    customElements.define(tag, ctor);
    return;
  }
  if (existing !== ctor && isDevelopment() && !warned.has(tag)) {
    warned.add(tag);
    const theirs = (existing as { version?: string }).version ?? 'unknown';
    const ours = (ctor as { version?: string }).version ?? 'unknown';
    console.warn(
      `[k8s-chat] <${tag}> is already defined (version ${theirs}); this copy (version ${ours}) was not registered. ` +
        'Load each k8s-chat element once, from npm or from the CDN bundle, not both.',
    );
  }
}

function isDevelopment(): boolean {
  const g = globalThis as { process?: { env?: { NODE_ENV?: string } } };
  return g.process?.env?.NODE_ENV !== 'production';
}
