import type { Page } from 'playwright-core';
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

/** Sum of framesDecoded of inbound video over the page's open peer connections. */
export function framesDecoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let frames = 0;
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded ?? 0;
      });
    }
    return frames;
  });
}
