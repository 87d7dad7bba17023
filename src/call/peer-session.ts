/**
 * The only module that imports simple-peer. One PeerSession is one WebRTC connection of one call:
 * signals go in through handleSignal(), everything that happens comes out as typed events.
 */
import SimplePeer from 'simple-peer';
import type { IceServer, MediaPolicy, SignalData } from '../protocol/index.ts';
import { applySenderPolicy, preferCodec, withStartBitrate } from './media-policy.ts';

/** Where a call's video bandwidth estimate starts (capped by the media policy's maximum). */
const START_BITRATE_KBPS = 1000;
import { Emitter, type Disposer } from '../util/emitter.ts';

export interface PeerSessionEvents {
  signal: (data: SignalData) => void;
  stream: (stream: MediaStream) => void;
  connected: () => void;
  /** Every change of the ICE connection state (for recovery and the UI). */
  ice: (state: RTCIceConnectionState) => void;
  closed: () => void;
  error: (err: Error) => void;
}

export interface PeerSessionOptions {
  initiator: boolean;
  stream: MediaStream;
  iceServers: IceServer[];
  media: MediaPolicy;
}

export class PeerSession {
  private readonly events = new Emitter<PeerSessionEvents>();
  private readonly peer: SimplePeer.Instance;
  private destroyed = false;
  private readonly initiator: boolean;
  private readonly media: MediaPolicy;
  private started: Promise<void> | null = null;

  constructor(options: PeerSessionOptions) {
    this.peer = new SimplePeer({
      initiator: options.initiator,
      stream: options.stream,
      trickle: true,
      // The first key frame after the accept is paced at the start estimate: start it higher.
      sdpTransform: (sdp: string) =>
        withStartBitrate(sdp, Math.min(START_BITRATE_KBPS, options.media.maxBitrateKbps)),
      // One transport for audio, video and data: fewer candidates to gather and check.
      config: {
        iceServers: options.iceServers,
        iceTransportPolicy: options.media.iceTransportPolicy,
        bundlePolicy: 'max-bundle',
        rtcpMuxPolicy: 'require',
      },
    });
    // simple-peer adds the stream's tracks in its constructor and makes the offer a task later, so the
    // codec order set here is in the first offer.
    preferCodec(this.pc, options.media.codec);
    this.initiator = options.initiator;
    this.media = options.media;
    this.keepAliveOnFailure();
    this.peer.on('signal', (data) => {
      // An ICE restart's offer has gone out: later negotiations are ordinary again.
      if ((data as SignalData).type === 'offer') this.internals.offerOptions = {};
      this.events.emit('signal', data as SignalData);
    });
    this.peer.on('stream', (stream: MediaStream) => this.events.emit('stream', stream));
    this.peer.on('connect', () => {
      applySenderPolicy(this.pc, options.media).catch((err: unknown) =>
        console.warn('sender policy failed', err),
      );
      this.events.emit('connected');
    });
    this.peer.on('close', () => this.events.emit('closed'));
    this.peer.on('error', (err: Error) => this.events.emit('error', err));
  }

  /**
   * The first call of a page pays for starting WebRTC's machinery (threads, DTLS, codec factories,
   * the first encoder and decoder): hundreds of milliseconds on a small kiosk. Pay it once at start-up
   * with a call between two local connections that never leaves this page, not at the moment a
   * citizen is waiting for the interpreter's face.
   */
  static async prewarm(stream: MediaStream, timeoutMs = 5000): Promise<void> {
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    try {
      a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate));
      b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate));
      for (const track of stream.getTracks()) a.addTrack(track, stream);
      a.createDataChannel('prewarm');
      const decoded = new Promise<void>((resolve) => {
        b.ontrack = (e) => {
          if (e.track.kind !== 'video') return;
          const video = document.createElement('video');
          video.muted = true;
          video.srcObject = new MediaStream([e.track]);
          video.requestVideoFrameCallback(() => resolve());
          void video.play().catch(() => resolve());
        };
      });
      await a.setLocalDescription(await a.createOffer());
      await b.setRemoteDescription(a.localDescription!);
      await b.setLocalDescription(await b.createAnswer());
      await a.setRemoteDescription(b.localDescription!);
      await Promise.race([decoded, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
    } finally {
      a.close();
      b.close();
    }
  }

  /**
   * Sends nothing of this page's camera and microphone (a connection made while an offer rings): the
   * senders stay negotiated, with no track, so no media packet leaves until sendMedia.
   */
  holdMedia(): void {
    for (const sender of this.pc.getSenders()) void sender.replaceTrack(null);
  }

  /** Starts sending the stream's tracks on the held senders (the call started), under the policy. */
  sendMedia(stream: MediaStream): Promise<void> {
    // Once: the interpreter's page starts at the accept click and the call's link asks again; a
    // second policy write could undo a change made since (a test's, a later adaptation's).
    this.started ??= this.startMedia(stream);
    return this.started;
  }

  private async startMedia(stream: MediaStream): Promise<void> {
    // The policy first, so the encoder starts with it (not at a default it must leave again).
    await applySenderPolicy(this.pc, this.media, stream);
    const held = this.pc.getTransceivers().filter((t) => t.sender.track === null);
    await Promise.all(
      stream
        .getTracks()
        .map((track) => held.find((t) => t.receiver.track.kind === track.kind)?.sender.replaceTrack(track)),
    );
  }

  /** ICE and DTLS are up (the connection can carry media). */
  get connected(): boolean {
    return this.pc.connectionState === 'connected';
  }

  on<E extends keyof PeerSessionEvents>(event: E, fn: PeerSessionEvents[E]): Disposer {
    return this.events.on(event, fn);
  }

  /**
   * Restart ICE (new candidates, same call). Only the initiator makes offers; on the other side this
   * does nothing, because the initiator sees the same outage and restarts for both.
   */
  restartIce(): void {
    if (this.destroyed || !this.initiator) return;
    this.internals.offerOptions = { iceRestart: true };
    this.internals.negotiate();
  }

  /**
   * simple-peer destroys the connection as soon as ICE or the connection reports "failed". Ashir
   * restarts ICE instead, so those two handlers are wrapped: they report the state and do not destroy.
   */
  private keepAliveOnFailure(): void {
    const sp = this.internals;
    const onIce = sp._onIceStateChange.bind(sp);
    sp._onIceStateChange = () => {
      const state = this.pc.iceConnectionState;
      this.events.emit('ice', state);
      if (state !== 'failed') onIce();
    };
    const onConnection = sp._onConnectionStateChange.bind(sp);
    sp._onConnectionStateChange = () => {
      if (this.pc.connectionState !== 'failed') onConnection();
    };
  }

  /** The parts of simple-peer's instance that its types do not declare; used only in this class. */
  private get internals(): {
    _pc: RTCPeerConnection;
    offerOptions: RTCOfferOptions;
    negotiate(): void;
    _onIceStateChange(): void;
    _onConnectionStateChange(): void;
  } {
    return this.peer as unknown as PeerSession['internals'];
  }

  /** The underlying connection (simple-peer keeps it as `_pc`; only this class knows that). */
  private get pc(): RTCPeerConnection {
    return this.internals._pc;
  }

  getStats(): Promise<RTCStatsReport> {
    return this.pc.getStats();
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
