/**
 * The kiosk checks itself: camera (frames arrive, not black, a usable size), microphone (its level
 * moves), the sound output path (a test tone through an analyser), the network and server (a round
 * trip), TURN (a relay candidate gathered with the server's credentials) and the vision models (they
 * load). Each check says pass, fail or skipped (not configured here) with a short reason; nothing of
 * what the camera or microphone caught is kept or sent.
 */
import type { IceServer, SelfTestCheck, SelfTestResult } from '../protocol/index.ts';

const CHECK_MS = 3000;

export interface SelfTestDeps {
  stream: MediaStream | null;
  /** The server's ICE servers for this kiosk (TURN with fresh credentials), or null if unreachable. */
  device: () => Promise<{ iceServers: IceServer[] } | null>;
  /** The model files the kiosk's vision loads. */
  models: string[];
}

type Outcome = Omit<SelfTestResult, 'check'>;

export async function runSelfTest(deps: SelfTestDeps): Promise<SelfTestResult[]> {
  const checks: Array<[SelfTestCheck, () => Promise<Outcome>]> = [
    ['camera', () => camera(deps.stream)],
    ['microphone', () => microphone(deps.stream)],
    ['speakers', speakers],
    ['network', network],
    ['turn', () => turn(deps.device)],
    ['models', () => models(deps.models)],
  ];
  const results: SelfTestResult[] = [];
  for (const [check, run] of checks) {
    try {
      results.push({ check, ...(await run()) });
    } catch (err) {
      results.push({ check, status: 'fail', detail: short(err) });
    }
  }
  return results;
}

const short = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 120);
const pass = (): Outcome => ({ status: 'pass' });
const fail = (detail: string): Outcome => ({ status: 'fail', detail });

async function camera(stream: MediaStream | null): Promise<Outcome> {
  const track = stream?.getVideoTracks()[0];
  if (!track || track.readyState !== 'live') return fail('no camera');
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  try {
    await video.play();
    let frames = 0;
    await new Promise<void>((resolve) => {
      const done = setTimeout(resolve, CHECK_MS);
      const tick = () => {
        if (++frames >= 5) {
          clearTimeout(done);
          resolve();
        } else video.requestVideoFrameCallback(tick);
      };
      video.requestVideoFrameCallback(tick);
    });
    if (frames < 5) return fail('no frames');
    if (video.videoWidth < 320 || video.videoHeight < 240)
      return fail(`too small: ${video.videoWidth}×${video.videoHeight}`);
    // A small copy is enough to tell a black picture; it is never kept.
    const canvas = document.createElement('canvas');
    canvas.width = 32;
    canvas.height = 24;
    const g = canvas.getContext('2d')!;
    g.drawImage(video, 0, 0, 32, 24);
    const px = g.getImageData(0, 0, 32, 24).data;
    let sum = 0;
    for (let i = 0; i < px.length; i += 4) sum += px[i]! + px[i + 1]! + px[i + 2]!;
    if (sum / (px.length / 4) / 3 < 8) return fail('black picture');
    return pass();
  } finally {
    video.srcObject = null;
  }
}

async function microphone(stream: MediaStream | null): Promise<Outcome> {
  const track = stream?.getAudioTracks()[0];
  if (!track || track.readyState !== 'live') return fail('no microphone');
  const peak = await peakLevel(new MediaStream([track]));
  return peak > 0.001 ? pass() : fail('silent');
}

/** The output path: a tone through an analyser (a loopback inside the page; the room cannot be heard). */
async function speakers(): Promise<Outcome> {
  const ctx = new AudioContext();
  try {
    const tone = ctx.createOscillator();
    tone.frequency.value = 440;
    const quiet = ctx.createGain();
    quiet.gain.value = 0.01; // barely audible if it does reach the speakers
    const analyser = ctx.createAnalyser();
    tone.connect(quiet).connect(analyser).connect(ctx.destination);
    tone.start();
    await ctx.resume();
    const peak = await sample(analyser);
    tone.stop();
    if (ctx.destination.maxChannelCount < 1) return fail('no audio output');
    return peak > 0.0001 ? pass() : fail('no sound through the output path');
  } finally {
    await ctx.close();
  }
}

async function network(): Promise<Outcome> {
  const started = performance.now();
  const res = await fetch('/healthz', { cache: 'no-store' });
  const ms = Math.round(performance.now() - started);
  if (!res.ok && res.status !== 503) return fail(`server answered ${res.status}`);
  return ms > 2000 ? fail(`slow: ${ms} ms`) : pass();
}

async function turn(device: SelfTestDeps['device']): Promise<Outcome> {
  const info = await device();
  if (!info) return fail('server unreachable');
  const servers = info.iceServers.filter((s) =>
    (Array.isArray(s.urls) ? s.urls : [s.urls]).some((u) => u.startsWith('turn')),
  );
  if (servers.length === 0) return { status: 'skipped', detail: 'no TURN server configured' };
  const pc = new RTCPeerConnection({ iceServers: servers, iceTransportPolicy: 'relay' });
  try {
    const relay = new Promise<boolean>((resolve) => {
      const done = setTimeout(() => resolve(false), CHECK_MS * 2);
      pc.onicecandidate = (e) => {
        if (e.candidate?.type === 'relay') {
          clearTimeout(done);
          resolve(true);
        } else if (!e.candidate) {
          clearTimeout(done);
          resolve(false);
        }
      };
    });
    pc.createDataChannel('self-test');
    await pc.setLocalDescription(await pc.createOffer());
    return (await relay) ? pass() : fail('no relay candidate');
  } finally {
    pc.close();
  }
}

async function models(files: string[]): Promise<Outcome> {
  for (const file of files) {
    const res = await fetch(file, { method: 'HEAD', cache: 'no-store' });
    if (res.status === 404) return { status: 'skipped', detail: 'no vision models on this server' };
    if (!res.ok) return fail(`${file}: ${res.status}`);
  }
  return pass();
}

async function peakLevel(stream: MediaStream): Promise<number> {
  const ctx = new AudioContext();
  try {
    const analyser = ctx.createAnalyser();
    ctx.createMediaStreamSource(stream).connect(analyser);
    await ctx.resume();
    return await sample(analyser);
  } finally {
    await ctx.close();
  }
}

/** The loudest RMS level an analyser sees over a while. */
async function sample(analyser: AnalyserNode): Promise<number> {
  const buf = new Float32Array(analyser.fftSize);
  let peak = 0;
  const until = performance.now() + CHECK_MS / 2;
  while (performance.now() < until) {
    analyser.getFloatTimeDomainData(buf);
    let sum = 0;
    for (const x of buf) sum += x * x;
    peak = Math.max(peak, Math.sqrt(sum / buf.length));
    await new Promise((r) => setTimeout(r, 50));
  }
  return peak;
}
