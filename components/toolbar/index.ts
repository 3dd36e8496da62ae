/**
 * components/toolbar: Readmark's UI inside web pages (the content script). Runs in the page's
 * origin, so it never touches the database: everything goes through messages.
 */
export { mountPageUi } from './mount-page-ui';
export { toolbarLabels } from './PageUi';
export { PageAnnotations } from './page-annotations';
export { SelectionToolbar, type SelectionToolbarProps, type ToolbarLabels } from './SelectionToolbar';
