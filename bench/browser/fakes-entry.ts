// The page bundle for the benchmarks that need services without a server: <k8s-chat> and
// <k8s-command-history> (the packages' built output, Lit's production build) plus the packages' own test
// fakes, which give core's services through context. Built by bench/browser/build-fakes.mjs.
import '@k8s-chat/chat-session/k8s-chat.js';
import '@k8s-chat/history/k8s-command-history.js';

export { fakeChat, message, session } from '../../packages/chat-session/test/helpers/fake-chat.js';
export { fakeServices, makeExecutions, NOW } from '../../packages/history/test/helpers/fake-services.js';
