/**
 * The only module that imports simple-peer. One PeerSession is one WebRTC connection of one call:
 * signals go in through handleSignal(), everything that happens comes out as typed events.
 */
import SimplePeer from 'simple-peer';
import type { IceServer, SignalData } from '../protocol/index.ts';
import { Emitter, type Disposer } from '../util/emitter.ts';

export interface PeerSessionEvents {
  signal: (data: SignalData) => void;
  stream: (stream: MediaStream) => void;
  connected: () => void;
  closed: () => void;
  error: (err: Error) => void;
}

export interface PeerSessionOptions {
  initiator: boolean;
  stream: MediaStream;
  iceServers: IceServer[];
}

export class PeerSession {
  private readonly events = new Emitter<PeerSessionEvents>();
  private readonly peer: SimplePeer.Instance;
  private destroyed = false;

  constructor(options: PeerSessionOptions) {
    this.peer = new SimplePeer({
      initiator: options.initiator,
      stream: options.stream,
      trickle: true,
      config: { iceServers: options.iceServers },
    });
    this.peer.on('signal', (data) => this.events.emit('signal', data as SignalData));
    this.peer.on('stream', (stream: MediaStream) => this.events.emit('stream', stream));
    this.peer.on('connect', () => this.events.emit('connected'));
    this.peer.on('close', () => this.events.emit('closed'));
    this.peer.on('error', (err: Error) => this.events.emit('error', err));
  }

  on<E extends keyof PeerSessionEvents>(event: E, fn: PeerSessionEvents[E]): Disposer {
    return this.events.on(event, fn);
  }

  handleSignal(data: SignalData): void {
    if (!this.destroyed) this.peer.signal(data as SimplePeer.SignalData);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.events.clear();
    this.peer.destroy();
  }
}
