/**
 * utils/model: the types every room shares, and tiny pure helpers.
 * Public surface: article (and its library summary), highlight, image, error and result types,
 * normaliseUrl and the identity rule (articleKey), Listen's remembered positions (listen-positions), isSpaceCode, image caps, random ids that work on http:// pages (random-id), and the one text walker
 * (walkText, elementKind) that extraction's block text and annotation's text model share.
 * Imports nothing (not even other rooms): every other room may import it.
 */
export * from './article';
export * from './article-summary';
export * from './base64';
export * from './errors';
export * from './highlight';
export * from './image';
export * from './listen-positions';
export * from './listen-preferences';
export * from './random-id';
export * from './result';
export * from './review';
export * from './sha256';
export * from './text';
export * from './text-walk';
export * from './url';
