/**
 * utils/model: the types every room shares, and tiny pure helpers.
 * Public surface: article, highlight, image, error and result types, normaliseUrl and the identity rule
 * (articleKey), isSpaceCode, image caps.
 * Imports nothing (not even other rooms): every other room may import it.
 */
export * from './article';
export * from './base64';
export * from './errors';
export * from './highlight';
export * from './image';
export * from './result';
export * from './text';
export * from './url';
