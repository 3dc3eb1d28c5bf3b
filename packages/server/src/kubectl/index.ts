export { parseCommandLine, formatCommandLine, MAX_COMMAND_LENGTH } from './command-line.js';
export type { CommandLineResult, CommandLineErrorCode } from './command-line.js';
export { parseKubectl, isKnownFlag, type ParsedKubectl } from './parse-kubectl.js';
export { RESOURCE_KINDS, RBAC_PLURALS, resolveResource, type ResourceKind } from './resources.js';
