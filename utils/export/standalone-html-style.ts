/**
 * The stylesheet of an exported HTML file: readable on screen with notes in the right margin (or
 * under their paragraph on narrow screens), and on paper with notes as numbered footnotes.
 */
export const STANDALONE_HTML_STYLE = `
:root { color-scheme: light; --text: #1f2328; --muted: #59636e; --rule: #d1d9e0; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--text); background: #fff; font: 1.05rem/1.65 Georgia, 'Times New Roman', serif; }
.page { max-width: 42rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
@media (min-width: 68rem) { .page { margin-left: calc(50% - 29rem); } }
header.meta { border-bottom: 1px solid var(--rule); margin-bottom: 2rem; padding-bottom: 1rem; }
header.meta h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
header.meta p { margin: .25rem 0; color: var(--muted); font: .9rem/1.5 system-ui, sans-serif; overflow-wrap: anywhere; }
article img, article video { max-width: 100%; height: auto; }
article pre { overflow-x: auto; padding: .75rem; background: #f6f8fa; font-size: .9rem; }
article table { border-collapse: collapse; } article td, article th { border: 1px solid var(--rule); padding: .25rem .5rem; }
article blockquote { margin-left: 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
a { color: #0550ae; }
mark.hl { color: inherit; padding: 0 .05em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.hl-yellow { background: #fff3a3; } .hl-green { background: #c8f0c0; } .hl-blue { background: #c7e2ff; }
.hl-pink { background: #ffd1e3; } .hl-purple { background: #e4d4ff; }
sup.ref { font: .7rem system-ui, sans-serif; color: var(--muted); }
.sidenote { display: block; margin: .5rem 0; padding-left: .75rem; border-left: 2px solid var(--rule);
  font: .85rem/1.45 system-ui, sans-serif; color: var(--muted); white-space: pre-line; text-indent: 0; }
@media (min-width: 68rem) {
  .sidenote { float: right; clear: right; width: 14rem; margin: 0 -16rem .75rem 0; position: relative; }
}
section.notes { margin-top: 3rem; border-top: 1px solid var(--rule); font: .9rem/1.5 system-ui, sans-serif; }
section.notes blockquote { margin: .25rem 0; padding: .25rem .5rem; font-family: Georgia, serif; }
section.notes .note { white-space: pre-line; margin: .25rem 0 1rem; }
section.notes .colour { color: var(--muted); }
@media print {
  body { font-size: 11pt; }
  .page { max-width: none; margin: 0; padding: 0; }
  .sidenote { display: none; }
  a { color: inherit; }
  article a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 8pt; color: var(--muted); overflow-wrap: anywhere; }
  h1, h2, h3 { break-after: avoid; } img, pre, blockquote, tr { break-inside: avoid; }
}
`;
