import { useRef, useState } from 'preact/hooks';
import { errorFromThrown, type Result } from '@/utils/model';
import type { BackupStep } from '@/utils/services';
import { errorMessage } from '../shared/error-message';

export type TaskState =
  | { kind: 'idle' }
  | { kind: 'running'; step: BackupStep | null; done: number; total: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

type Report = (step: BackupStep, done: number, total: number) => void;

/**
 * A long piece of work with progress and a Cancel button: `run` starts it with an abort signal
 * and a progress reporter, and answers its value, or null when it failed or was cancelled (the
 * state then says which, with the message to show).
 */
export function useLongTask() {
  const [state, setState] = useState<TaskState>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);

  async function run<T>(
    work: (signal: AbortSignal, onProgress: Report) => Promise<Result<T>>,
    /** Frames the error's message (in the reader's language) for this task. */
    describeFailure: (message: string) => string,
  ): Promise<T | null> {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ kind: 'running', step: null, done: 0, total: 0 });
    let result: Result<T>;
    try {
      result = await work(current.signal, (step, done, total) =>
        setState({ kind: 'running', step, done, total }),
      );
    } catch (error) {
      // A bug (or a browser refusing something unexpected): still shown, never only logged.
      result = { ok: false, error: errorFromThrown(error) };
    }
    if (controller.current === current) controller.current = null;
    if (result.ok) {
      setState({ kind: 'idle' });
      return result.value;
    }
    setState(
      result.error.code === 'cancelled'
        ? { kind: 'cancelled' }
        : { kind: 'failed', message: describeFailure(errorMessage(result.error)) },
    );
    return null;
  }

  return { state, run, cancel: () => controller.current?.abort(), reset: () => setState({ kind: 'idle' }) };
}
