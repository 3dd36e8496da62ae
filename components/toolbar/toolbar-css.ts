/**
 * The toolbar's own styles, applied inside its shadow root. The host's own style attribute
 * (guard-host.ts) cuts off every page style; the toolbar looks the same on any page, light or dark.
 */
export const TOOLBAR_CSS = `
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.toolbar { position: absolute; transform: translate(-50%, 8px); background: #1f1f24; color: #f4f4f6;
  border-radius: 10px; padding: 6px; box-shadow: 0 4px 18px rgba(0,0,0,.35); font-size: 13px; line-height: 1.3;
  min-width: max-content; }
.row { display: flex; gap: 4px; align-items: center; }
.swatches { display: flex; gap: 4px; margin-right: 4px; }
.swatch { width: 24px; height: 24px; border-radius: 50%; border: 2px solid #1f1f24; outline: 1px solid #8a8a96; cursor: pointer; padding: 0; }
.swatch.current { outline: 3px solid #ffffff; }
button:focus-visible, textarea:focus-visible { outline: 3px solid #7fb0ff; outline-offset: 2px; }
.action { background: transparent; color: #f4f4f6; border: 1px solid #55555f; border-radius: 6px; padding: 4px 8px;
  font-size: 13px; cursor: pointer; }
.action:hover { background: #34343c; }
.action.primary { background: #7fb0ff; color: #0b1220; border-color: #7fb0ff; font-weight: 600; }
.note { display: flex; flex-direction: column; gap: 6px; margin-top: 6px; }
textarea { width: 280px; font-size: 13px; padding: 6px; border-radius: 6px; border: 1px solid #55555f;
  background: #2a2a31; color: #f4f4f6; resize: vertical; }
.toast { position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); background: #1f1f24; color: #f4f4f6;
  border-radius: 8px; padding: 8px 12px; display: flex; gap: 12px; align-items: center; font-size: 14px;
  box-shadow: 0 4px 18px rgba(0,0,0,.35); }
.toast[role="alert"] { background: #5a1d1d; }
.listen-bar { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); background: #1f1f24; color: #f4f4f6;
  border-radius: 10px; padding: 8px 10px; box-shadow: 0 4px 18px rgba(0,0,0,.35); font-size: 13px; line-height: 1.3;
  display: flex; flex-direction: column; gap: 6px; max-width: calc(100vw - 16px); }
.listen-bar .row { flex-wrap: wrap; gap: 8px; }
.listen-bar label { display: inline-flex; align-items: center; gap: 4px; }
.listen-bar select { font-size: 13px; background: #2a2a31; color: #f4f4f6; border: 1px solid #55555f; border-radius: 6px; }
.listen-bar input:focus-visible, .listen-bar select:focus-visible { outline: 3px solid #7fb0ff; outline-offset: 2px; }
.listen-message, .hint { margin: 0; max-width: 60ch; }
.hint { color: #b8b8c4; }
.listen-bar [role="alert"] { color: #ffd2d2; }
/* Line focus: a band over the article's lines; the rest of the page dimmed by its shadow (window)
   or a rule under the line (ruler). In document coordinates (the host sits at the page's origin). */
.line-focus { position: absolute; left: 0; width: 100vw; margin-top: -3px; padding-bottom: 6px; pointer-events: none; }
.line-focus[data-mode="window"] { box-shadow: 0 0 0 200vmax rgba(20, 20, 24, calc(var(--dim, 0.5) * 0.85)); }
.line-focus[data-mode="ruler"] { border-bottom: 3px solid #2f6fd6; }
@media (prefers-reduced-motion: no-preference) { .line-focus { transition: top 120ms ease-out, height 120ms ease-out; } }
`;
