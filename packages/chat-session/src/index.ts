export { K8sChat } from './k8s-chat/k8s-chat.js';
export { MESSAGE_ROLES, type MessageRole, type ChatMessageView } from './k8s-chat/k8s-chat.types.js';
export { MessageSendEvent, type MessageSendDetail } from './events.js';
