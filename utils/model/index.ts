/**
 * utils/model: the types every room shares, and tiny pure helpers.
 * Public surface: article, highlight and result types, normaliseUrl and the identity rule (articleKey),
 * isSpaceCode.
 * Imports nothing (not even other rooms): every other room may import it.
 */
export * from './article';
export * from './highlight';
export * from './result';
export * from './text';
export * from './url';
