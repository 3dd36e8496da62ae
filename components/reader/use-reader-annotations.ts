import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorFromThrown } from '@/utils/model';
import { readColorNames } from '@/utils/services';
import { listHighlights, observe, type ReadmarkDb } from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { mountAnnotationUi } from '../toolbar';
import { ReaderAnnotations } from './reader-annotations';

/**
 * Highlighting in the reader: the same toolbar as on pages, over the rendered article, showing
 * every highlight of the article (made here or on the page) and following changes made elsewhere.
 */
export function useReaderAnnotations(
  body: RefObject<HTMLElement | null>,
  db: ReadmarkDb,
  articleId: string,
  articleText: string,
  html: string,
): ReaderAnnotations | null {
  const [annotations, setAnnotations] = useState<ReaderAnnotations | null>(null);

  useEffect(() => {
    if (!body.current) return;
    const set = new ReaderAnnotations(body.current, db, articleId, articleText);
    const unmount = mountAnnotationUi(document, set);
    setAnnotations(set);
    const stop = observe(
      async () => ({
        highlights: await listHighlights(db, articleId),
        colorNames: await readColorNames(db),
      }),
      ({ highlights, colorNames }) => set.show(highlights, colorNames),
      (error) => set.notify(errorMessage(errorFromThrown(error))),
    );
    return () => {
      stop();
      set.painter.clear();
      unmount();
    };
  }, [body, db, articleId, articleText, html]);

  return annotations;
}
