import { type AppError, appError, type ErrorArgs, type ErrorCode } from './errors';

/**
 * Expected failures are values: every message answer and fallible API returns one of these. The
 * error is a code with data (see errors.ts), never display text; a module may use another error
 * type inside itself (`Result<T, string>` for a reason it folds into a code's data).
 */
export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

/** A failed Result: `err('page-too-large', { megabytes: 10 })`. */
export const err = <C extends ErrorCode>(code: C, ...data: ErrorArgs<C>): Result<never> => ({
  ok: false,
  error: appError(code, ...data),
});

/** A failed Result for an error already made (passed on from another Result or a thrown CodedError). */
export const fail = (error: AppError): Result<never> => ({ ok: false, error });
