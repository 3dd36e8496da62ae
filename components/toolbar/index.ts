/**
 * components/toolbar: Readmark's UI inside web pages (the content script). Runs in the page's
 * origin, so it never touches the database: everything goes through messages.
 */

export { toolbarLabels } from './AnnotationUi';
export { AnnotationSet } from './annotation-set';
export { mountAnnotationUi } from './mount-annotation-ui';
export { PageAnnotations } from './page-annotations';
export { runPageAnnotations } from './page-lifecycle';
export { markPageScript, pageScriptMarked } from './page-script-mark';
export { readPageImage } from './read-page-image';
export { SelectionToolbar, type SelectionToolbarProps, type ToolbarLabels } from './SelectionToolbar';
export { capturePage, capturePageWithSelection } from './serialise-page';
