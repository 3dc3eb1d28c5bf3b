export { VERSION } from './version.js';
export { defineElement } from './define/define-element.js';
export { K8sElement } from './base/k8s-element.js';
export { tokens, lightTokens, darkTokens, themeDeclarations, type TokenName } from './styles/tokens.js';
export { SAFETY_LEVELS, type SafetyLevel, EXECUTION_STATUSES, type ExecutionStatus } from './types/enums.js';
