export { K8sExecutionStatus } from './k8s-execution-status/k8s-execution-status.js';
