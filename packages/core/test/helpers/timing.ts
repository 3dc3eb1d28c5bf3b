/** One real macrotask, even under sinon fake timers (MessageChannel is not faked). */
export function realTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Waits in real macrotasks (not timers) until `condition` holds; for code paths that await real I/O under fake timers. */
export async function until(condition: () => boolean, message = 'condition', maxTasks = 2000): Promise<void> {
  for (let i = 0; i < maxTasks; i++) {
    if (condition()) return;
    await realTask();
  }
  throw new Error(`Timed out waiting for ${message}`);
}

let counter = 0;
/** A name no other test uses (BroadcastChannel, locks). */
export const unique = (prefix = 'k8s-test') => `${prefix}-${Date.now()}-${++counter}`;
