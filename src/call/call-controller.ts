/**
 * One live call, as either member sees it: the PeerSession, the signalling through the server, the
 * remote stream. Kiosk and interpreter apps both use it; it tells its owner once how the call ended.
 */
import { signal } from '@preact/signals';
import type { Ack, CallEndReason, ServerToClientEvents } from '../protocol/index.ts';
import { listen, request, type ClientSocket } from '../net/socket.ts';
import { DisposerBag } from '../util/emitter.ts';
import { defaultRetryPolicy, IceRecovery, type RetryPolicy } from './ice-recovery.ts';
import { openCamera } from './media.ts';
import { PeerSession } from './peer-session.ts';
import { systemClock, type Clock } from '../util/clock.ts';
import {
  classifyVideo,
  poorStreak,
  readStats,
  type Counters,
  type QualityLevel,
  type QualitySample,
  type Stat,
} from './quality.ts';
import { QualityTally } from './quality-summary.ts';

const QUALITY_INTERVAL_MS = 1000;

export type CallStart = Parameters<ServerToClientEvents['call:start']>[0];
export type CallOutcome = 'hangup' | CallEndReason | 'failed';

export class CallController {
  readonly phase = signal<'connecting' | 'connected' | 'reconnecting'>('connecting');
  readonly remoteStream = signal<MediaStream | null>(null);
  /** Measured every second from getStats once media flows. */
  readonly quality = signal<QualitySample | null>(null);
  /** The incoming video judged against EN 301 549 §6.5. */
  readonly level = signal<QualityLevel | null>(null);
  /** Consecutive seconds of poor incoming video. */
  readonly poorSeconds = signal(0);
  private readonly bag = new DisposerBag();
  private done = false;
  /** What the call's video was like, for the report after it (call:quality). */
  readonly tally = new QualityTally();

  constructor(
    private readonly socket: ClientSocket,
    readonly start: CallStart,
    localStream: MediaStream,
    private readonly onDone: (
      outcome: CallOutcome,
      requeuedAs?: { requestId: string; position: number },
    ) => void,
    retryPolicy: RetryPolicy = defaultRetryPolicy,
    private readonly clock: Clock = systemClock,
  ) {
    const callId = start.callId;
    const peer = new PeerSession({
      initiator: start.initiator,
      stream: localStream,
      iceServers: start.iceServers,
      media: start.media,
    });
    this.bag.add(() => peer.destroy());
    this.bag.add(peer.on('signal', (data) => void request(socket, 'call:signal', { callId, data })));
    this.bag.add(peer.on('stream', (stream) => (this.remoteStream.value = stream)));
    this.bag.add(peer.on('connected', () => (this.phase.value = 'connected')));
    const recovery = new IceRecovery({
      policy: retryPolicy,
      clock,
      restart: () => {
        this.tally.restarted();
        peer.restartIce();
      },
      giveUp: () => void this.endOnServer().then(() => this.finish('failed')),
    });
    this.bag.add(() => recovery.dispose());
    this.bag.add(
      peer.on('ice', (state) => {
        if (this.phase.value === 'connecting') return; // the first connection has its own course
        this.phase.value = state === 'connected' || state === 'completed' ? 'connected' : 'reconnecting';
        recovery.handleIceState(state);
      }),
    );
    this.bag.add(this.meter(peer));
    // The media path broke. If the peer hung up, its call:ended is already here or on its way (the
    // server answers our call:end after sending it), so only a call we ended ourselves counts as failed,
    // or one the server no longer knows (its call:ended was lost with a node that died).
    const broken = () =>
      void this.endOnServer().then((ack) => (ack.ok || ack.code === 'not_found') && this.finish('failed'));
    this.bag.add(peer.on('error', broken));
    this.bag.add(peer.on('closed', broken));
    this.bag.add(
      listen(socket, 'call:signal', (p) => {
        if (p.callId === callId) peer.handleSignal(p.data);
      }),
    );
    this.bag.add(
      listen(socket, 'call:ended', (p) => {
        if (p.callId === callId) this.finish(p.reason, p.requeued);
      }),
    );
  }

  get callId(): string {
    return this.start.callId;
  }

  /** End the call from this side. */
  hangUp(): void {
    if (this.done) return;
    void this.endOnServer();
    this.finish('hangup');
  }

  /**
   * Re-attach to the call on a server that forgot it (it restarted): the media never stopped. If the
   * server refuses, the call cannot be ended or repaired through it any more: it ends here.
   */
  async resume(): Promise<void> {
    const { callId, requestId, resumeToken } = this.start;
    const ack = await request(this.socket, 'call:resume', { callId, requestId, token: resumeToken });
    if (!ack.ok && ack.code !== 'timeout') this.finish('failed');
  }

  /** Release everything without telling anyone (the page is going away). */
  dispose(): void {
    this.done = true;
    this.bag.dispose();
    this.remoteStream.value = null;
  }

  private meter(peer: PeerSession): () => void {
    let counters: Counters | null = null;
    return this.clock.setInterval(() => {
      if (this.phase.value !== 'connected') return;
      peer
        .getStats()
        .then((report) => {
          if (this.done) return;
          const read = readStats(report.values() as Iterable<Stat>, counters);
          counters = read.counters;
          const level = classifyVideo(read.sample.inFps, read.sample.inWidth, read.sample.inHeight);
          this.quality.value = read.sample;
          this.level.value = level;
          this.tally.add(read.sample, level);
          this.poorSeconds.value = poorStreak(this.poorSeconds.value, level);
        })
        .catch(() => {});
    }, QUALITY_INTERVAL_MS);
  }

  private endOnServer(): Promise<Ack> {
    return request(this.socket, 'call:end', { callId: this.callId });
  }

  private finish(outcome: CallOutcome, requeuedAs?: { requestId: string; position: number }): void {
    if (this.done) return;
    this.dispose();
    this.onDone(outcome, requeuedAs);
  }
}

/** Open the camera for calls and warm WebRTC up while nobody is waiting. */
export async function prepareMedia(): Promise<MediaStream> {
  const stream = await openCamera();
  PeerSession.prewarm(stream).catch((err: unknown) => console.warn('WebRTC prewarm failed', err));
  return stream;
}
