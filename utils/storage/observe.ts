import { liveQuery } from 'dexie';

/**
 * Runs `query` now and again whenever the tables it read change (in any extension page or the
 * background). Returns the function that stops watching.
 */
export function observe<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (error: unknown) => void,
) {
  const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
  return () => subscription.unsubscribe();
}
