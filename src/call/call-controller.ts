/**
 * One live call, as either member sees it: the PeerSession, the signalling through the server, the
 * remote stream. Kiosk and interpreter apps both use it; it tells its owner once how the call ended.
 */
import { signal } from '@preact/signals';
import type { CallEndReason, ServerToClientEvents } from '../protocol/index.ts';
import { listen, request, type ClientSocket } from '../net/socket.ts';
import { DisposerBag } from '../util/emitter.ts';
import { openCamera } from './media.ts';
import { PeerSession } from './peer-session.ts';

export type CallStart = Parameters<ServerToClientEvents['call:start']>[0];
export type CallOutcome = 'hangup' | CallEndReason | 'failed';

export class CallController {
  readonly phase = signal<'connecting' | 'connected'>('connecting');
  readonly remoteStream = signal<MediaStream | null>(null);
  private readonly bag = new DisposerBag();
  private done = false;

  constructor(
    private readonly socket: ClientSocket,
    readonly start: CallStart,
    localStream: MediaStream,
    private readonly onDone: (
      outcome: CallOutcome,
      requeuedAs?: { requestId: string; position: number },
    ) => void,
  ) {
    const callId = start.callId;
    const peer = new PeerSession({
      initiator: start.initiator,
      stream: localStream,
      iceServers: start.iceServers,
    });
    this.bag.add(() => peer.destroy());
    this.bag.add(peer.on('signal', (data) => void request(socket, 'call:signal', { callId, data })));
    this.bag.add(peer.on('stream', (stream) => (this.remoteStream.value = stream)));
    this.bag.add(peer.on('connected', () => (this.phase.value = 'connected')));
    // The media path broke. If the peer hung up, its call:ended is already here or on its way (the
    // server answers our call:end after sending it), so only a call we ended ourselves counts as failed.
    const broken = () => void this.endOnServer().then((ok) => ok && this.finish('failed'));
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

  /** Release everything without telling anyone (the page is going away). */
  dispose(): void {
    this.done = true;
    this.bag.dispose();
    this.remoteStream.value = null;
  }

  private async endOnServer(): Promise<boolean> {
    const ack = await request(this.socket, 'call:end', { callId: this.callId });
    return ack.ok;
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
