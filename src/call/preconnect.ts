/**
 * The connection a kiosk and the interpreter an offer rings at make while it rings (call:preconnect):
 * ICE, DTLS and codecs are settled with no media flowing — the senders are held with no track — so
 * that on accept only the tracks start. Nothing of the citizen reaches an interpreter who has not
 * accepted, nothing of an interpreter reaches the kiosk. Closed at once when the offer ends
 * unanswered; on accept the call's link takes it over (CallController).
 */
import type { ServerToClientEvents, SignalData } from '../protocol/index.ts';
import { listen, request, type ClientSocket } from '../net/socket.ts';
import { DisposerBag, type Disposer } from '../util/emitter.ts';
import { PeerSession } from './peer-session.ts';

export type PreconnectStart = Parameters<ServerToClientEvents['call:preconnect']>[0];

export class PreConnection {
  readonly requestId: string;
  readonly session: PeerSession;
  /** The other end's stream (its tracks carry nothing until the call starts). */
  stream: MediaStream | null = null;
  private readonly bag = new DisposerBag();
  private readonly relay: Disposer;
  private adopted = false;
  private closed = false;

  constructor(socket: ClientSocket, start: PreconnectStart, localStream: MediaStream) {
    this.requestId = start.requestId;
    const session = new PeerSession({
      initiator: start.initiator,
      stream: localStream,
      iceServers: start.iceServers,
      media: start.media,
    });
    session.holdMedia();
    this.session = session;
    this.bag.add(session.on('stream', (stream) => (this.stream = stream)));
    this.bag.add(session.on('signal', (data: SignalData) => this.send(socket, data)));
    // The other end's signals keep coming this way until the call's own take over (one in flight
    // at the accept still arrives: the server relays it into the call).
    this.relay = listen(socket, 'offer:signal', (p) => {
      if (p.requestId === this.requestId) session.handleSignal(p.data);
    });
    const closeOnError = () => {
      if (!this.adopted) this.close();
    };
    this.bag.add(session.on('error', closeOnError));
    this.bag.add(session.on('closed', closeOnError));
  }

  /**
   * Hands the connection to the call: its signals go the call's way from now on, and the caller
   * starts the media (PeerSession.sendMedia). Returns what stops the relay of late signals.
   */
  adopt(): Disposer {
    this.adopted = true;
    this.bag.dispose();
    return this.relay;
  }

  /** Not closed (by the offer's end or its own failure): a call may take it. */
  get open(): boolean {
    return !this.closed;
  }

  /** The offer ended unanswered (or the page moved on): the connection goes. */
  close(): void {
    if (this.adopted || this.closed) return;
    this.closed = true;
    this.bag.dispose();
    this.relay();
    this.session.destroy();
  }

  private send(socket: ClientSocket, data: SignalData): void {
    void request(socket, 'offer:signal', { requestId: this.requestId, data });
  }
}
