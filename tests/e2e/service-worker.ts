import type { CDPSession } from 'playwright-core';

/**
 * Stops an extension's service worker the way the browser does when it idles it (CDP
 * Target.closeTarget on its worker target); `extensionOrigin` is `chrome-extension://<id>/`.
 * Answers whether there was a worker to stop. `cdp` is a browser CDP session.
 */
export async function stopServiceWorker(cdp: CDPSession, extensionOrigin: string): Promise<boolean> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(extensionOrigin));
  if (!worker) return false;
  await cdp.send('Target.closeTarget', { targetId: worker.targetId }).catch(() => undefined);
  return true;
}
