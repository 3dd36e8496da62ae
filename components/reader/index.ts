// components/reader: the reader view (reader.html?id=…): the article, its settings, contents,
// reading position, and highlighting over the stored copy. Styles: reader.css, then reader-panels.css.
export { ReaderApp } from './ReaderApp';
