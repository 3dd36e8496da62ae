// The file types live with the files' makers (utils/export); re-exported for the download buttons.
export { FILE_TYPES } from '@/utils/export';

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
