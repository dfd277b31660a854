// The Content-Security-Policy of the screens, the same on both hosts (app:// in Electron, HTTP in
// the headless host): only the agent's own scripts, styles and connections; no inline code.
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
