/**
 * How Ashir sends video for sign language (EN 301 549 §6.5: frame rate before resolution), with a
 * floor of 320×240 under a low cap. Works on a plain RTCPeerConnection, so it does not depend on the
 * WebRTC library around it.
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

/**
 * Below this cap the picture is held at 320×240 and the frame rate is left to the encoder's rate
 * control. Measured with `npm run bench:media` on a moving clip (zoom and pan), VP8 at 60 kbps:
 * with `maintain-framerate` from 640×480, WebRTC kept scaling down and up and delivered fps p5 1 /
 * p50 13 at 320×240, and from 320×240 it scaled to 160×120; held at 320×240 it delivered p5 27 /
 * p50 30. Above it, the frame rate is kept and the resolution follows the bandwidth.
 */
export const LOW_RATE_KBPS = 150;
/** The smallest picture sign language is sent at: below it, hand shapes and faces blur. */
export const FLOOR_HEIGHT = 240;
/** Speech under a low cap: Opus stays intelligible and leaves the link to the signing. */
export const LOW_RATE_AUDIO_KBPS = 20;

export interface VideoEncoding {
  degradationPreference: RTCDegradationPreference;
  maxBitrate: number;
  scaleResolutionDownBy: number;
}

/** The video sender's settings for a cap and the camera's picture height (pure). */
export function videoEncodingFor(capKbps: number, trackHeight: number): VideoEncoding {
  const maxBitrate = capKbps * 1000;
  if (capKbps >= LOW_RATE_KBPS)
    return { degradationPreference: 'maintain-framerate', maxBitrate, scaleResolutionDownBy: 1 };
  const scale = trackHeight > FLOOR_HEIGHT ? trackHeight / FLOOR_HEIGHT : 1;
  return { degradationPreference: 'maintain-resolution', maxBitrate, scaleResolutionDownBy: scale };
}

/**
 * Frame rate first (EN 301 549 §6.5): keep the frame rate when bandwidth drops and cap the bitrate;
 * under a low cap, hold the picture at 320×240 and give speech less (see LOW_RATE_KBPS).
 */
export async function applySenderPolicy(
  pc: RTCPeerConnection,
  policy: MediaPolicy,
  /** The tracks about to be sent on held senders (a pre-connection): the policy is set first. */
  coming?: MediaStream,
): Promise<void> {
  for (const { sender, receiver } of pc.getTransceivers()) {
    const kind = sender.track?.kind ?? (coming ? receiver.track.kind : undefined);
    const track = sender.track ?? coming?.getTracks().find((t) => t.kind === kind);
    if (kind === 'audio' && policy.maxBitrateKbps < LOW_RATE_KBPS) {
      const params = sender.getParameters();
      for (const encoding of params.encodings ?? []) encoding.maxBitrate = LOW_RATE_AUDIO_KBPS * 1000;
      await sender.setParameters(params);
    }
    if (kind !== 'video') continue;
    const height = track?.getSettings().height ?? FLOOR_HEIGHT;
    const { degradationPreference, ...encoding } = videoEncodingFor(policy.maxBitrateKbps, height);
    const params = sender.getParameters();
    params.degradationPreference = degradationPreference;
    for (const e of params.encodings ?? []) Object.assign(e, encoding);
    await sender.setParameters(params);
  }
}

/** Video codecs whose start bitrate Chromium takes from the SDP. */
const VIDEO_CODEC = /^a=rtpmap:(\d+) (VP8|VP9|H264|AV1)\/90000/i;

/**
 * Chromium starts a new video sender's bandwidth estimate at 300 kbps, and paces the first key frame
 * at that rate. `x-google-start-bitrate` (an fmtp parameter it reads) starts it higher: the first
 * frame after the accept leaves sooner. Pure: each video codec's fmtp line gets it (or one is added).
 */
export function withStartBitrate(sdp: string, kbps: number): string {
  const lines = sdp.split('\r\n');
  const out: string[] = [];
  const video = new Set<string>();
  for (const line of lines) {
    const codec = VIDEO_CODEC.exec(line);
    if (codec) video.add(codec[1]!);
  }
  const withFmtp = new Set<string>();
  for (const line of lines) {
    const fmtp = /^a=fmtp:(\d+) (.*)$/.exec(line);
    if (fmtp && video.has(fmtp[1]!) && !fmtp[2]!.includes('x-google-start-bitrate')) {
      withFmtp.add(fmtp[1]!);
      out.push(`${line};x-google-start-bitrate=${Math.round(kbps)}`);
      continue;
    }
    if (fmtp) withFmtp.add(fmtp[1]!);
    out.push(line);
  }
  // A codec without any fmtp line gets one right after its rtpmap.
  return out
    .flatMap((line) => {
      const codec = VIDEO_CODEC.exec(line);
      return codec && !withFmtp.has(codec[1]!)
        ? [line, `a=fmtp:${codec[1]} x-google-start-bitrate=${Math.round(kbps)}`]
        : [line];
    })
    .join('\r\n');
}
