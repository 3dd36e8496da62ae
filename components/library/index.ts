export { LibraryApp } from './LibraryApp';
