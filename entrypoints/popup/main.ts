import '@/components/shared/theme.css';
import { takeFirstPaint } from '@/components/popup/first-paint-handoff';
import { ownWorkerExtraction } from '@/utils/services';

// popup.html's first script (popup-start.js) has read the tab and painted the preview, or said it
// could not, before the page loads this module; the popup (its components, the database, Save…)
// takes over from there. Where that script did not run, the same is done here.
performance.mark('rm:popup-module');
const handedOver = takeFirstPaint();
const first = handedOver
  ? Promise.resolve(handedOver)
  : import('@/components/popup/paint-preview-first').then(({ startFirstPaint }) =>
      startFirstPaint(() => undefined),
    );
void first.then(async ({ reading, painted, clear, provideOwnExtraction }) => {
  provideOwnExtraction(ownWorkerExtraction);
  const early = await painted;
  const { mountPopup } = await import('@/components/popup');
  // The popup renders into a root of its own, swapped in for the first paint's: that one was
  // rendered by the first script's own copy of Preact, whose tree this copy must not diff against.
  const root = document.createElement('div');
  root.id = 'app';
  mountPopup(root, reading, early);
  clear();
  document.getElementById('app')!.replaceWith(root);
});
