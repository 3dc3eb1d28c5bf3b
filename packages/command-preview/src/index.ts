export { K8sCommandPreview } from './k8s-command-preview/k8s-command-preview.js';
