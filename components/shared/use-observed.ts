import { useEffect, useState } from 'preact/hooks';
import { errorFromThrown } from '@/utils/model';
import { observe } from '@/utils/storage';
import { errorMessage } from './error-message';

export type Observed<T> =
  | { kind: 'loading' }
  | { kind: 'ready'; value: T }
  | { kind: 'error'; message: string };

/** A database query that re-runs when its tables change. */
export function useObserved<T>(query: () => Promise<T>, deps: unknown[]): Observed<T> {
  const [state, setState] = useState<Observed<T>>({ kind: 'loading' });
  useEffect(
    () =>
      observe(
        query,
        (value) => setState({ kind: 'ready', value }),
        // A failed read is worded in the reader's language, like every other error.
        (error) =>
          setState({ kind: 'error', message: errorMessage(errorFromThrown(error, 'library-unreadable')) }),
      ),
    deps,
  );
  return state;
}
