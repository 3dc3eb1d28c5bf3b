/**
 * Hands a finished export to the browser as a download. The link lives in the element's own root for
 * the click, and the object URL is revoked later, because revoking at once can cancel the download.
 */
export function saveBlob(root: Node, blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  root.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
