import type { StructuredOperation } from '@k8s-chat/contract';
import { formatCommandLine } from '../kubectl/index.js';
import { ApiError } from '../http/errors.js';

/**
 * Upstream's execute takes a structured operation instead of a kubectl string; turn it into the one
 * kubectl command it means, so it goes through exactly the same parser and classifier.
 */
export function structuredToCommand(op: StructuredOperation): string {
  const ns = ['-n', op.namespace];
  const needName = () => {
    if (!op.name) {
      throw ApiError.validation(`The ${op.operation} operation needs a name.`, [
        { field: 'command.name', message: `command.name is required for ${op.operation}` },
      ]);
    }
    return op.name;
  };
  switch (op.operation) {
    case 'get':
    case 'list':
      return formatCommandLine(['kubectl', 'get', op.resource, ...(op.name ? [op.name] : []), ...ns]);
    case 'delete':
      return formatCommandLine(['kubectl', 'delete', op.resource, needName(), ...ns]);
    case 'scale':
      if (op.replicas === undefined) {
        throw ApiError.validation('The scale operation needs a replica count.', [
          { field: 'command.replicas', message: 'command.replicas is required for scale' },
        ]);
      }
      return formatCommandLine([
        'kubectl',
        'scale',
        `${op.resource}/${needName()}`,
        ...ns,
        `--replicas=${op.replicas}`,
      ]);
    case 'restart':
      return formatCommandLine(['kubectl', 'rollout', 'restart', `${op.resource}/${needName()}`, ...ns]);
    case 'logs':
      return formatCommandLine(['kubectl', 'logs', needName(), ...ns, '--tail=100']);
    default:
      throw ApiError.validation('Unknown operation.', [
        { field: 'command.operation', message: 'command.operation is not supported' },
      ]);
  }
}
