export * from './enums.js';
export * from './common.js';
export * from './auth.js';
export * from './chat.js';
export * from './nlp.js';
export * from './commands.js';
export * from './ws.js';
export * from './preferences.js';
