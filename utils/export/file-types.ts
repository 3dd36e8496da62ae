/** MIME types of the files Readmark hands to the reader. */
export const FILE_TYPES = {
  markdown: 'text/markdown;charset=utf-8',
  html: 'text/html;charset=utf-8',
  json: 'application/json;charset=utf-8',
  zip: 'application/zip',
} as const;
