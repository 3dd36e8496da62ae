export { mountPopup } from './mount-popup';
export { PopupApp } from './PopupApp';
