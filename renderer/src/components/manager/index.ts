// The Manager tab: the panel the app shows; its prompt, views, cards and hooks stay inside.
export { ManagerPanel } from './ManagerPanel';
