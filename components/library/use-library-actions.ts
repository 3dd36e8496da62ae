import { useState } from 'preact/hooks';
import type { Result } from '@/utils/model';
import {
  addTag,
  type DeletedArticles,
  deleteMany,
  type ReadmarkDb,
  removeTag,
  renameTagEverywhere,
  restoreDeleted,
  setArchived,
  setFavourite,
  setRead,
} from '@/utils/storage';
import { errorMessage } from '../shared/error-message';
import { tn } from '../shared/i18n';

export interface PendingUndo {
  /** Changes with every deletion, so the undo window restarts. */
  key: number;
  deleted: DeletedArticles;
}

/**
 * The library's writes, with what the page shows about them: the last error, and the deletion
 * that can still be undone (held in memory for the undo window, then dropped).
 */
export function useLibraryActions(db: ReadmarkDb) {
  const [error, setError] = useState<string | null>(null);
  const [undo, setUndo] = useState<PendingUndo | null>(null);
  const [notice, setNotice] = useState('');

  async function run<T>(action: Promise<Result<T>>): Promise<T | null> {
    const result = await action;
    setError(result.ok ? null : errorMessage(result.error));
    return result.ok ? result.value : null;
  }

  return {
    error,
    notice,
    undo,
    dismissError: () => setError(null),
    dismissUndo: () => setUndo(null),
    addTag: (ids: string[], tag: string) => run(addTag(db, ids, tag)),
    removeTag: (ids: string[], tag: string) => run(removeTag(db, ids, tag)),
    renameTag: (from: string, to: string) => run(renameTagEverywhere(db, from, to)),
    setFavourite: (ids: string[], on: boolean) => run(setFavourite(db, ids, on)),
    setArchived: (ids: string[], on: boolean) => run(setArchived(db, ids, on)),
    setRead: (ids: string[], read: boolean) => run(setRead(db, ids, read)),
    async remove(ids: string[]) {
      const deleted = await run(deleteMany(db, ids));
      if (deleted) setUndo((previous) => ({ key: (previous?.key ?? 0) + 1, deleted }));
      return deleted;
    },
    async restore() {
      if (!undo) return;
      setUndo(null);
      const restored = await run(restoreDeleted(db, undo.deleted));
      if (restored !== null) setNotice(tn('restored', restored));
    },
  };
}
