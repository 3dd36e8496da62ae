// components/reader: the reader view (reader.html?id=…). ReaderApp is the page; HighlightsPanel is
// the side-panel section that highlighting will fill. Styles: reader.css, then reader-panels.css.
export { HighlightsPanel } from './HighlightsPanel';
export { ReaderApp } from './ReaderApp';
