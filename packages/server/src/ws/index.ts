/**
 * The KubeChat WebSocket gateway (`/api/v1/ws`, subprotocol `kubechat-ws`): in-band auth, authorised
 * topic subscriptions, per-topic seq with replay or reset, presence, heartbeats.
 */
export { createWsGateway } from './gateway.js';
export type { WsGateway, WsGatewayOptions, WsUser } from './types.js';
