// React 19 wrappers of the k8s-chat elements. Each wrapper registers its element on import, passes
// React props to the element's properties and maps its `k8s-*` events to `onK8s…` props.
export { K8sChatProvider } from './k8s-chat-provider.js';
export { K8sChat } from './k8s-chat.js';
export { K8sCommandPreview, K8sApprovalQueue } from './k8s-command-preview.js';
export { K8sExecutionStatus } from './k8s-execution-status.js';
export { K8sCommandHistory } from './k8s-command-history.js';
export { K8sAccountSettings } from './k8s-account-settings.js';
