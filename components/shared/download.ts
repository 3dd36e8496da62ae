/** MIME types of the files Readmark hands to the reader. */
export const FILE_TYPES = {
  markdown: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
  json: 'application/json;charset=utf-8',
  zip: 'application/zip',
} as const;

/**
 * Hands a file to the browser's download flow through an object URL and an `<a download>` click,
 * so Readmark needs no `downloads` permission. The URL is revoked a little later: revoking it in
 * the same task can cancel the download (Firefox), and the page's unload revokes it anyway.
 */
export function downloadFile(
  name: string,
  data: Blob | string | Uint8Array<ArrayBuffer>,
  type: string,
): void {
  const blob = data instanceof Blob ? data : new Blob([data], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
