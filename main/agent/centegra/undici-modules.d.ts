// undici's own module, imported on its own (undici-client.ts); undici ships types for its index only.
declare module 'undici/lib/dispatcher/agent.js' {
  const Agent: unknown;
  export default Agent;
}
