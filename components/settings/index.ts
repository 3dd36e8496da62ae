export { SettingsApp } from './SettingsApp';
