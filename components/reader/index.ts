export { ReaderApp } from './ReaderApp';
