export { OutputRedactor, redactText, type OutputRedactorOptions } from './output-redactor.js';
export { redactLine } from './line-rules.js';
