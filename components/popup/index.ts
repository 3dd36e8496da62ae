export { PopupApp } from './PopupApp';
