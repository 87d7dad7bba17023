/**
 * Call quality from getStats, judged for sign language against EN 301 549 §6.5: good is ≥ 20 fps at
 * ≥ 352×288 (CIF), usable is ≥ 12 fps at ≥ 176×144 (QCIF), anything less is poor. Pure functions:
 * the meter that calls them every second lives in CallController.
 */
export type QualityLevel = 'good' | 'usable' | 'poor';

export interface QualitySample {
  inFps: number | null;
  inWidth: number | null;
  inHeight: number | null;
  outFps: number | null;
  outWidth: number | null;
  outHeight: number | null;
  rttMs: number | null;
  /** Share of incoming video packets lost since the previous sample, 0–1. */
  lossRatio: number | null;
  jitterMs: number | null;
  availableOutKbps: number | null;
  /** Whether the selected candidate pair goes through a TURN relay (null when unknown). */
  relayed: boolean | null;
}

export function classifyVideo(fps: number | null, width: number | null, height: number | null): QualityLevel {
  if (fps === null || width === null || height === null) return 'poor';
  const [long, short] = width >= height ? [width, height] : [height, width];
  if (fps >= 20 && long >= 352 && short >= 288) return 'good';
  if (fps >= 12 && long >= 176 && short >= 144) return 'usable';
  return 'poor';
}

export interface Counters {
  lost: number;
  received: number;
}

export type Stat = Record<string, unknown> & { type: string; id: string };
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reads one getStats report; `previous` carries packet counters between calls. */
export function readStats(
  report: Iterable<Stat>,
  previous: Counters | null,
): { sample: QualitySample; counters: Counters } {
  const byId = new Map<string, Stat>();
  for (const s of report) byId.set(s.id, s);
  let inbound: Stat | undefined;
  let outbound: Stat | undefined;
  let pair: Stat | undefined;
  for (const s of byId.values()) {
    if (s.type === 'inbound-rtp' && s.kind === 'video') inbound = s;
    else if (s.type === 'outbound-rtp' && s.kind === 'video') outbound = s;
    else if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string')
      pair = byId.get(s.selectedCandidatePairId);
  }
  const counters = { lost: num(inbound?.packetsLost) ?? 0, received: num(inbound?.packetsReceived) ?? 0 };
  let lossRatio: number | null = null;
  if (previous) {
    const lost = counters.lost - previous.lost;
    const total = lost + counters.received - previous.received;
    lossRatio = total > 0 ? Math.max(0, lost / total) : 0;
  }
  const rtt = num(pair?.currentRoundTripTime);
  const jitter = num(inbound?.jitter);
  const available = num(pair?.availableOutgoingBitrate);
  const local = pair && byId.get(String(pair.localCandidateId));
  const remote = pair && byId.get(String(pair.remoteCandidateId));
  const relayed =
    local && remote ? local.candidateType === 'relay' || remote.candidateType === 'relay' : null;
  return {
    counters,
    sample: {
      inFps: num(inbound?.framesPerSecond),
      inWidth: num(inbound?.frameWidth),
      inHeight: num(inbound?.frameHeight),
      outFps: num(outbound?.framesPerSecond),
      outWidth: num(outbound?.frameWidth),
      outHeight: num(outbound?.frameHeight),
      rttMs: rtt === null ? null : Math.round(rtt * 1000),
      lossRatio,
      jitterMs: jitter === null ? null : Math.round(jitter * 1000),
      availableOutKbps: available === null ? null : Math.round(available / 1000),
      relayed,
    },
  };
}

/** Counts consecutive poor seconds; `true` once they reach `limit` (the caller offers text then). */
export function poorStreak(previous: number, level: QualityLevel): number {
  return level === 'poor' ? previous + 1 : 0;
}
