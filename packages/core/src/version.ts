/** The version of `@k8s-chat/core`, stamped on every element class as `static version`. */
export const VERSION = '0.1.0';
