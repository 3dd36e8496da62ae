/**
 * Loads the popup's modules, which its built page lists on the first script's tag instead of
 * loading them itself (wxt.config.ts, popupModulesAfterFirstPaint): the entry as a module script,
 * the modules it imports as module preloads, fetched side by side. Once, whenever first called; a
 * page that lists none (the development server's, which loads its modules itself) loads nothing.
 */
export function popupModuleLoader(firstScript: Element | null): () => void {
  const listed = firstScript?.getAttribute('data-modules')?.split(' ').filter(Boolean) ?? [];
  let loaded = false;
  return () => {
    if (loaded) return;
    loaded = true;
    const [entry, ...imported] = listed;
    if (!entry) return;
    const script = document.createElement('script');
    script.type = 'module';
    script.src = entry;
    document.head.append(script);
    for (const href of imported) {
      const preload = document.createElement('link');
      preload.rel = 'modulepreload';
      preload.href = href;
      document.head.append(preload);
    }
  };
}
