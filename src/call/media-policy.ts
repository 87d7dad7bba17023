/**
 * How Ashir sends video for sign language (EN 301 549 §6.5: frame rate before resolution). Works on
 * a plain RTCPeerConnection, so it does not depend on the WebRTC library around it.
 */
import type { MediaPolicy } from '../protocol/index.ts';

/** Put the configured codec first for every video transceiver (before the offer is made). */
export function preferCodec(pc: RTCPeerConnection, codec: MediaPolicy['codec']): void {
  const capabilities = RTCRtpReceiver.getCapabilities?.('video');
  if (!capabilities) return;
  const mime = `video/${codec}`.toLowerCase();
  const preferred = capabilities.codecs.filter((c) => c.mimeType.toLowerCase() === mime);
  if (preferred.length === 0) return;
  const rest = capabilities.codecs.filter((c) => c.mimeType.toLowerCase() !== mime);
  for (const t of pc.getTransceivers()) {
    if (t.receiver.track.kind === 'video') t.setCodecPreferences([...preferred, ...rest]);
  }
}

/** Keep the frame rate when bandwidth drops (lower the resolution instead) and cap the bitrate. */
export async function applySenderPolicy(pc: RTCPeerConnection, policy: MediaPolicy): Promise<void> {
  for (const sender of pc.getSenders()) {
    if (sender.track?.kind !== 'video') continue;
    const params = sender.getParameters();
    params.degradationPreference = 'maintain-framerate';
    for (const encoding of params.encodings ?? []) encoding.maxBitrate = policy.maxBitrateKbps * 1000;
    await sender.setParameters(params);
  }
}
