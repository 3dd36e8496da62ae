import { useEffect, useState } from 'preact/hooks';
import { observe } from '@/utils/storage';

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
        (error) => setState({ kind: 'error', message: String(error) }),
      ),
    deps,
  );
  return state;
}
