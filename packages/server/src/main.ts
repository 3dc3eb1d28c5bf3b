#!/usr/bin/env node
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';
import { DEMO_USERS } from './auth/users.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`kubechat-server: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

const server = await startServer(config);
console.log(
  `k8s-chat reference server on ${server.url}  (executor: ${config.executor}, data: ${config.dataDir})`,
);
if (config.demo) {
  console.log(`demo users: ${DEMO_USERS.map((u) => `${u.username} (${u.role})`).join(', ')}`);
  console.log(`demo password: ${config.demoPassword}`);
}

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    void server.close().then(() => process.exit(0));
  });
}
