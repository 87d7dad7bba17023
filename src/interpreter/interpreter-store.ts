/** Interpreter console state as signals, and the actions its screens may call. */
import { computed, signal } from '@preact/signals';
import { CallController, prepareMedia, type CallOutcome } from '../call/call-controller.ts';
import { stopStream } from '../call/media.ts';
import { connectSocket, listen, onConnectionChange, request, type ClientSocket } from '../net/socket.ts';
import type { PresenceStatus, ServerToClientEvents } from '../protocol/index.ts';
import type { ConnectionState } from '../ui/Shell.tsx';
import { DisposerBag } from '../util/emitter.ts';

export type Offer = Parameters<ServerToClientEvents['call:offer']>[0];
export type InterpreterNotice = 'offerWithdrawn' | 'callEnded' | 'callFailed' | 'timeout' | 'generic' | null;

export function createInterpreterStore(
  connect: (name: string) => ClientSocket = (name) => connectSocket({ role: 'interpreter', name }),
) {
  const name = signal<string | null>(null);
  const connection = signal<ConnectionState>('connecting');
  const presence = signal<PresenceStatus>('offline');
  const offer = signal<Offer | null>(null);
  const call = signal<CallController | null>(null);
  const notice = signal<InterpreterNotice>(null);
  const localStream = signal<MediaStream | null>(null);
  const cameraFailed = signal(false);
  const busy = signal(false);
  /** The presence the interpreter just asked for, shown until the server answers. */
  const pendingAvailable = signal<boolean | null>(null);
  const remoteStream = computed(() => call.value?.remoteStream.value ?? null);
  const callPhase = computed(() => call.value?.phase.value ?? null);
  const bag = new DisposerBag();
  let socket: ClientSocket | null = null;

  const onCallDone = (outcome: CallOutcome) => {
    call.value = null;
    notice.value = outcome === 'failed' ? 'callFailed' : outcome === 'hangup' ? null : 'callEnded';
  };

  const wire = (s: ClientSocket) => {
    bag.add(onConnectionChange(s, (c) => (connection.value = c)));
    bag.add(
      onConnectionChange(s, (c) => {
        if (c === 'online') return;
        // A dropped socket is offline on the server: any offer or call it had is gone.
        presence.value = 'offline';
        offer.value = null;
        call.value?.dispose();
        call.value = null;
      }),
    );
    bag.add(listen(s, 'presence:changed', (p) => (presence.value = p.status)));
    bag.add(
      listen(s, 'call:offer', (p) => {
        notice.value = null;
        offer.value = p;
        presence.value = 'ringing';
      }),
    );
    bag.add(
      listen(s, 'call:offer-withdrawn', (p) => {
        if (offer.value?.requestId !== p.requestId) return;
        offer.value = null;
        notice.value = 'offerWithdrawn';
      }),
    );
    bag.add(
      listen(s, 'call:start', (p) => {
        const stream = localStream.value;
        if (!stream) return;
        offer.value = null;
        presence.value = 'in-call';
        call.value = new CallController(s, p, stream, onCallDone);
      }),
    );
  };

  const fromAck = (ack: { ok: false; code: string }) => {
    notice.value = ack.code === 'timeout' ? 'timeout' : 'generic';
  };

  return {
    name,
    connection,
    presence,
    offer,
    notice,
    localStream,
    remoteStream,
    callPhase,
    cameraFailed,
    busy,
    pendingAvailable,
    peerName: computed(() => call.value?.start.peerName ?? ''),

    async signIn(displayName: string): Promise<void> {
      name.value = displayName;
      socket = connect(displayName);
      wire(socket);
      try {
        localStream.value = await prepareMedia();
      } catch (err) {
        console.warn('camera failed', err);
        cameraFailed.value = true;
      }
    },

    async setAvailable(available: boolean): Promise<void> {
      if (!socket) return;
      busy.value = true;
      pendingAvailable.value = available;
      const ack = await request(socket, 'presence:set', { status: available ? 'available' : 'offline' });
      busy.value = false;
      pendingAvailable.value = null;
      if (ack.ok) presence.value = ack.status;
      else fromAck(ack);
    },

    async accept(): Promise<void> {
      const current = offer.value;
      if (!socket || !current) return;
      busy.value = true;
      const ack = await request(socket, 'call:accept', { requestId: current.requestId });
      busy.value = false;
      if (!ack.ok) {
        offer.value = null;
        fromAck(ack);
      }
    },

    async decline(): Promise<void> {
      const current = offer.value;
      if (!socket || !current) return;
      offer.value = null;
      presence.value = 'available';
      const ack = await request(socket, 'call:decline', { requestId: current.requestId });
      if (!ack.ok) fromAck(ack);
    },

    hangUp(): void {
      call.value?.hangUp();
    },

    dispose(): void {
      bag.dispose();
      call.value?.dispose();
      socket?.disconnect();
      stopStream(localStream.value);
      localStream.value = null;
    },
  };
}

export type InterpreterStore = ReturnType<typeof createInterpreterStore>;
