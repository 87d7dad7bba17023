/**
 * Kiosk app state as signals, and the actions the screen may call. The screen never touches the
 * socket or the peer; this store is the only thing that does.
 */
import { computed, effect, signal } from '@preact/signals';
import { KIOSK_CALL_TABLE, type KioskCallState } from '../call/call-machine.ts';
import { CallController, prepareMedia, type CallOutcome } from '../call/call-controller.ts';
import { stopStream } from '../call/media.ts';
import { listen, onConnectionChange, request, type ClientSocket } from '../net/socket.ts';
import type { ConnectionState } from '../ui/Shell.tsx';
import { DisposerBag } from '../util/emitter.ts';
import { transition } from '../util/transition.ts';

export type KioskNotice = 'endedByInterpreter' | 'interpreterLeft' | 'timeout' | 'generic' | null;

export function createKioskStore(socket: ClientSocket) {
  const state = signal<KioskCallState>('idle');
  const position = signal<number | null>(null);
  const notice = signal<KioskNotice>(null);
  const connection = signal<ConnectionState>('connecting');
  const localStream = signal<MediaStream | null>(null);
  const cameraFailed = signal(false);
  const call = signal<CallController | null>(null);
  const remoteStream = computed(() => call.value?.remoteStream.value ?? null);
  const interpreterName = computed(() => call.value?.start.peerName ?? '');
  const bag = new DisposerBag();
  let requestId: string | null = null;

  const moveTo = (next: KioskCallState): boolean => {
    const to = transition('kiosk call', KIOSK_CALL_TABLE, state.value, next, (line) => console.debug(line));
    if (to) state.value = to;
    return to !== null;
  };

  const onCallDone = (outcome: CallOutcome) => {
    call.value = null;
    if (outcome === 'hangup') {
      moveTo('idle');
      return;
    }
    notice.value =
      outcome === 'peer_hangup'
        ? 'endedByInterpreter'
        : outcome === 'peer_disconnected'
          ? 'interpreterLeft'
          : null;
    moveTo(outcome === 'failed' ? 'failed' : 'ended');
  };

  bag.add(onConnectionChange(socket, (c) => (connection.value = c)));
  bag.add(
    effect(() => {
      if (call.value?.phase.value === 'connected') moveTo('connected');
    }),
  );
  bag.add(
    listen(socket, 'call:status', (p) => {
      if (requestId !== null && p.requestId !== requestId) return;
      position.value = p.position;
      moveTo(p.state);
    }),
  );
  bag.add(
    listen(socket, 'call:start', (p) => {
      const stream = localStream.value;
      if (!stream || !moveTo('connecting')) return;
      requestId = null;
      call.value = new CallController(socket, p, stream, onCallDone);
    }),
  );
  bag.add(
    onConnectionChange(socket, (c) => {
      if (c !== 'offline') return;
      // The server forgets a dropped kiosk's request and call; say so instead of waiting forever.
      call.value?.dispose();
      call.value = null;
      requestId = null;
      if (state.value !== 'idle' && state.value !== 'ended') moveTo('failed');
    }),
  );

  return {
    state,
    position,
    notice,
    connection,
    localStream,
    remoteStream,
    cameraFailed,
    interpreterName,

    async startCamera(): Promise<void> {
      try {
        localStream.value = await prepareMedia();
      } catch (err) {
        console.warn('camera failed', err);
        cameraFailed.value = true;
      }
    },

    async callInterpreter(): Promise<void> {
      if (!moveTo('requesting')) return;
      notice.value = null;
      position.value = null;
      const ack = await request(socket, 'call:request', {});
      if (!ack.ok) {
        notice.value = ack.code === 'timeout' ? 'timeout' : 'generic';
        moveTo('failed');
        return;
      }
      if (state.value === 'idle') {
        // Cancelled while the request was on its way: take it back now that it has an id.
        await request(socket, 'call:cancel', { requestId: ack.requestId });
        return;
      }
      requestId = ack.requestId;
      position.value ??= ack.position;
      if (state.value === 'requesting') moveTo('queued');
    },

    async cancel(): Promise<void> {
      const id = requestId;
      requestId = null;
      moveTo('idle');
      if (id) await request(socket, 'call:cancel', { requestId: id });
    },

    hangUp(): void {
      call.value?.hangUp();
    },

    dispose(): void {
      bag.dispose();
      call.value?.dispose();
      stopStream(localStream.value);
      localStream.value = null;
    },
  };
}

export type KioskStore = ReturnType<typeof createKioskStore>;
