/**
 * Links are the one place untrusted text becomes an attribute a browser acts on, so the rule lives here
 * alone: only web and mail links get an href. javascript:, data:, vbscript:, relative and every other URL
 * keep their text and lose the href (an `<a>` without href is not a link a person can follow).
 */
const SAFE_URL = /^(?:https?:|mailto:)/i;

/** The URL to use as href, or null when it must not be followed. Decode references before asking. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  return SAFE_URL.test(trimmed) ? trimmed : null;
}

/** An empty `<a>` for `url`: href only when safe, and then always opened apart from this page. */
export function createLink(doc: Document, url: string, title?: string | null): HTMLAnchorElement {
  const a = doc.createElement('a');
  const href = safeHref(url);
  if (href !== null) {
    a.setAttribute('href', href);
    a.setAttribute('rel', 'noopener noreferrer');
    a.setAttribute('target', '_blank');
  }
  if (title) a.setAttribute('title', title);
  return a;
}

/**
 * An image is never loaded (it could track the reader or leak what the page shows through its URL): it
 * becomes a link "Image: alt" the person may choose to open.
 */
export function createImageLink(
  doc: Document,
  url: string,
  alt: string,
  title?: string | null,
): HTMLAnchorElement {
  const a = createLink(doc, url, title);
  a.textContent = `Image: ${alt || url}`;
  return a;
}
