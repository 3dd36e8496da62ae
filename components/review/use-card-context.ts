import { useEffect, useMemo, useState } from 'preact/hooks';
import { buildTextModel, type TextModel } from '@/utils/annotation';
import { createSanitiser } from '@/utils/extraction';
import type { Highlight } from '@/utils/model';
import { type HighlightContext, highlightContext } from '@/utils/review';
import { getArticle, type ReadmarkDb } from '@/utils/storage';

interface ArticleText {
  title: string;
  model: TextModel | null;
}

export type CardContext =
  | { kind: 'loading' }
  | { kind: 'ready'; title: string; context: HighlightContext | null };

/**
 * The card's article title and the highlight's paragraph, read from the stored article. The body
 * is sanitised as the reader sanitises it and parsed into an inert document (nothing loads or
 * runs); its text model is kept per article while the page is open, since cards of one article
 * often follow each other.
 */
export function useCardContext(db: ReadmarkDb, highlight: Highlight | undefined): CardContext {
  const sanitise = useMemo(() => createSanitiser(window), []);
  const cache = useMemo(() => new Map<string, Promise<ArticleText>>(), []);
  const [state, setState] = useState<CardContext>({ kind: 'loading' });

  useEffect(() => {
    if (!highlight) return;
    let live = true;
    setState({ kind: 'loading' });
    let text = cache.get(highlight.articleId);
    if (!text) {
      text = getArticle(db, highlight.articleId).then((article) => {
        if (!article) return { title: '', model: null };
        const doc = new DOMParser().parseFromString(
          `<!doctype html><body>${sanitise(article.content.contentHtml)}`,
          'text/html',
        );
        return { title: article.meta.title, model: buildTextModel(doc.body) };
      });
      cache.set(highlight.articleId, text);
    }
    text.then(
      ({ title, model }) =>
        live &&
        setState({
          kind: 'ready',
          title,
          context: model && highlightContext(model, { quote: highlight.quote, position: highlight.position }),
        }),
      () => live && setState({ kind: 'ready', title: '', context: null }),
    );
    return () => {
      live = false;
    };
  }, [db, highlight, cache, sanitise]);

  return state;
}
