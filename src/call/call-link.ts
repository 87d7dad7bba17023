/**
 * One WebRTC connection of a call, between this page and one other member (a leg): its PeerSession,
 * its own ICE recovery, the stream it brings and how it stands. A call of two has one link; a call
 * with two interpreters is a mesh of three pairs, and each page holds a link to each other member.
 */
import { signal } from '@preact/signals';
import type { IceServer, MediaPolicy, SignalData } from '../protocol/index.ts';
import type { Clock } from '../util/clock.ts';
import { DisposerBag } from '../util/emitter.ts';
import { IceRecovery, type RetryPolicy } from './ice-recovery.ts';
import { PeerSession } from './peer-session.ts';
import type { PreConnection } from './preconnect.ts';

export type LinkPhase = 'connecting' | 'connected' | 'reconnecting';

export interface CallLinkOptions {
  initiator: boolean;
  localStream: MediaStream;
  iceServers: IceServer[];
  media: MediaPolicy;
  retryPolicy: RetryPolicy;
  clock: Clock;
  /** A signal for the other end (the owner sends it through the server). */
  send: (data: SignalData) => void;
  /** ICE was restarted (counted in the call's quality report). */
  restarted: () => void;
  /** The connection is gone for good (closed, failed, or recovery gave up). */
  broken: () => void;
  /** The connection made while the offer rang: taken over, and its media started. */
  preconnected?: PreConnection;
}

export class CallLink {
  readonly stream = signal<MediaStream | null>(null);
  readonly phase = signal<LinkPhase>('connecting');
  readonly peer: PeerSession;
  private readonly bag = new DisposerBag();

  constructor(o: CallLinkOptions) {
    const pre = o.preconnected;
    const peer =
      pre?.session ??
      new PeerSession({
        initiator: o.initiator,
        stream: o.localStream,
        iceServers: o.iceServers,
        media: o.media,
      });
    this.peer = peer;
    if (pre) {
      this.bag.add(pre.adopt());
      this.stream.value = pre.stream;
      if (peer.connected) this.phase.value = 'connected';
      peer.sendMedia(o.localStream).catch((err: unknown) => console.warn('media not started', err));
    }
    this.bag.add(() => peer.destroy());
    this.bag.add(peer.on('signal', o.send));
    this.bag.add(peer.on('stream', (stream) => (this.stream.value = stream)));
    this.bag.add(peer.on('connected', () => (this.phase.value = 'connected')));
    const recovery = new IceRecovery({
      policy: o.retryPolicy,
      clock: o.clock,
      restart: () => {
        o.restarted();
        peer.restartIce();
      },
      giveUp: o.broken,
    });
    this.bag.add(() => recovery.dispose());
    this.bag.add(
      peer.on('ice', (state) => {
        if (this.phase.value === 'connecting') return; // the first connection has its own course
        this.phase.value = state === 'connected' || state === 'completed' ? 'connected' : 'reconnecting';
        recovery.handleIceState(state);
      }),
    );
    this.bag.add(peer.on('error', o.broken));
    this.bag.add(peer.on('closed', o.broken));
  }

  handleSignal(data: SignalData): void {
    this.peer.handleSignal(data);
  }

  dispose(): void {
    this.bag.dispose();
    this.stream.value = null;
  }
}
