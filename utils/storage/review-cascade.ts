import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from 'dexie';

/**
 * A highlight's review card and review log go with it: this middleware sits under every delete of
 * `highlights` (the reader's delete, an article deleted with its highlights, an import that
 * replaces an article, sync, and any delete path added later) and deletes the card and log lines
 * of those highlights in the same transaction, as summaries.ts does for articles.
 */
const HIGHLIGHTS = 'highlights';
export const REVIEW_CARDS = 'reviewCards';
export const REVIEW_LOG = 'reviewLog';

const hasReviewStores = (trans: DBCoreTransaction) =>
  (trans as unknown as IDBTransaction).objectStoreNames?.contains(REVIEW_CARDS) ?? false;

export const reviewCascade: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'ReviewCascade',
  create(down) {
    return {
      ...down,
      // A transaction that may delete highlights may delete their review records too.
      transaction(stores, mode, options) {
        const wide =
          mode === 'readwrite' && stores.includes(HIGHLIGHTS) && !stores.includes(REVIEW_CARDS)
            ? [...stores, REVIEW_CARDS, REVIEW_LOG]
            : stores;
        return down.transaction(wide, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== HIGHLIGHTS) return table;
        return {
          ...table,
          async mutate(request: DBCoreMutateRequest) {
            const response = await table.mutate(request);
            // Upgrades from before version 6 run while the stores do not exist yet.
            if (
              !hasReviewStores(request.trans) ||
              (request.type !== 'delete' && request.type !== 'deleteRange')
            )
              return response;
            const { trans } = request;
            const cards = down.table(REVIEW_CARDS);
            const log = down.table(REVIEW_LOG);
            if (request.type === 'deleteRange') {
              // Only `clear()` deletes highlights by key range: every highlight is gone.
              await cards.mutate({ trans, type: 'deleteRange', range: request.range });
              await log.mutate({ trans, type: 'deleteRange', range: request.range });
              return response;
            }
            await cards.mutate({ trans, type: 'delete', keys: request.keys });
            // The log's key is [highlightId+reviewedAt]: one range per highlight holds its lines
            // (type 2 is DBCoreRangeType.Range, a const enum isolated modules cannot import).
            for (const id of request.keys as string[])
              await log.mutate({
                trans,
                type: 'deleteRange',
                range: {
                  type: 2,
                  lower: [id, -Infinity],
                  upper: [id, Infinity],
                  lowerOpen: false,
                  upperOpen: false,
                },
              });
            return response;
          },
        };
      },
    };
  },
};
