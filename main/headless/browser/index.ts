// The browser side of the headless host: the UI bridge's messages, shared with the server.
// (bridge.ts is bundled on its own for the page; see main/headless/assets.ts.)
export { BRIDGE_PATH, type BridgeMessage, type BridgeRequest } from './protocol';
