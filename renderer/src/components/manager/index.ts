// The Manager tab: the panel the app shows; its prompt, views, cards and hooks stay inside. A
// manager's approval on the cashier screen uses the same prompt.
export { ManagerPanel } from './ManagerPanel';
export { ManagerApproval } from './ManagerApproval';
