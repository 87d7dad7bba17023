/**
 * Installed in a page before any of its scripts: keeps every RTCPeerConnection the page makes and
 * when its ICE connected, so tests and benchmarks can read real getStats() without the product
 * exposing anything. (`__name` is what TS-transformed evaluate callbacks may reference.)
 */
export const WEBRTC_PROBE = `
  globalThis.__name ??= (f) => f;
  window.__pcs = [];
  window.__iceConnectedAt = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      window.__pcs.push(this);
      this.addEventListener('iceconnectionstatechange', () => {
        if (this.iceConnectionState === 'connected') window.__iceConnectedAt.push(Date.now());
      });
    }
  };
`;
