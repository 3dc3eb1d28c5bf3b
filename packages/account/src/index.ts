export { K8sAccountSettings } from './k8s-account-settings/k8s-account-settings.js';
export { DevicesController, type SecurityNotice } from './k8s-account-settings/devices-controller.js';
export { describeUserAgent } from './k8s-account-settings/user-agent.js';
export {
  DeviceSignOutEvent,
  PreferencesChangeEvent,
  type DeviceSignOutDetail,
  type PreferencesChangeDetail,
} from './events.js';
