/** Interpreter console state as signals, and the actions its screens may call. */
import { computed, effect, signal } from '@preact/signals';
import { CallController, prepareMedia, type CallOutcome } from '../call/call-controller.ts';
import { PreConnection } from '../call/preconnect.ts';
import { stopStream } from '../call/media.ts';
import { createSessionFeed, type SessionFeed } from '../session/session-feed.ts';
import {
  connectSocket,
  listen,
  onConnectionChange,
  onReconnected,
  request,
  type ClientSocket,
} from '../net/socket.ts';
import type { Ack, Gender, PresenceStatus, ServerToClientEvents, SignLanguage } from '../protocol/index.ts';
import type { ConnectionState } from '../ui/Shell.tsx';
import { DisposerBag } from '../util/emitter.ts';
import { systemClock, type Clock } from '../util/clock.ts';
import { speechOf } from '../call/speech.ts';

export type Offer = Parameters<ServerToClientEvents['call:offer']>[0];
export type QueueSummary = Parameters<ServerToClientEvents['queue:summary']>[0];
export type InterpreterNotice =
  | 'offerWithdrawn'
  | 'missedCall'
  | 'callEnded'
  | 'callFailed'
  | 'transferred'
  | 'noCamera'
  | 'timeout'
  | 'generic'
  | null;
export interface Profile {
  name: string;
  gender: Gender;
  languages: SignLanguage[];
}
export interface HistoryEntry {
  startedAt: number;
  kioskName: string;
  durationS: number;
  outcome: CallOutcome;
}

export function createInterpreterStore(
  connect: () => ClientSocket = connectSocket,
  clock: Clock = systemClock,
) {
  const profile = signal<Profile | null>(null);
  const connection = signal<ConnectionState>('connecting');
  const presence = signal<PresenceStatus>('offline');
  const wrapUpEndsAt = signal<number | null>(null);
  const queue = signal<QueueSummary>({ waiting: 0, oldestRequestedAt: null, available: 0 });
  const offer = signal<Offer | null>(null);
  const call = signal<CallController | null>(null);
  const notice = signal<InterpreterNotice>(null);
  const localStream = signal<MediaStream | null>(null);
  const cameraFailed = signal(false);
  const busy = signal(false);
  const muted = signal(false);
  const cameraOff = signal(false);
  const history = signal<HistoryEntry[]>([]);
  /** The call that just ended, while the interpreter may still rate its connection. */
  const lastCall = signal<string | null>(null);
  /** The presence the interpreter just asked for, shown until the server answers. */
  const pendingPresence = signal<PresenceStatus | null>(null);
  const remoteStream = computed(() => call.value?.remoteStream.value ?? null);
  const callPhase = computed(() => call.value?.phase.value ?? null);
  /** The counter session of the kiosk in the call: its card, text and pictograms (memory only). */
  const feed = signal<SessionFeed | null>(null);
  // Both sides' sound as meters: the kiosk's (the clerk) and the interpreter's own voice, in a call.
  const citizenSide = speechOf(remoteStream, clock);
  const ownVoice = speechOf(
    computed(() => (call.value ? localStream.value : null)),
    clock,
  );
  const bag = new DisposerBag();
  let socket: ClientSocket | null = null;
  let callStartedAt = 0;

  const setTracks = (kind: 'audio' | 'video', enabled: boolean) => {
    for (const track of localStream.value?.getTracks() ?? [])
      if (track.kind === kind) track.enabled = enabled;
  };

  const onCallDone = (outcome: CallOutcome) => {
    const ended = call.value;
    call.value = null;
    // Nothing of the citizen's session stays on the console after the call.
    feed.value?.clear();
    feed.value?.follow(null);
    if (ended) {
      // What the citizen's video was like, for the supervisors (measured here, where it was watched).
      if (socket)
        void request(socket, 'call:quality', { callId: ended.callId, summary: ended.tally.summary() });
      lastCall.value = ended.callId;
      history.value = [
        {
          startedAt: callStartedAt,
          kioskName: ended.start.peerName,
          durationS: Math.round((clock.now() - callStartedAt) / 1000),
          outcome,
        },
        ...history.value,
      ];
    }
    // A call never starts muted or blind because the last one ended that way.
    muted.value = false;
    cameraOff.value = false;
    setTracks('audio', true);
    setTracks('video', true);
    notice.value =
      outcome === 'failed'
        ? 'callFailed'
        : outcome === 'hangup'
          ? null
          : outcome === 'transferred'
            ? 'transferred'
            : 'callEnded';
  };

  /** The connection made while an offer rings (call:preconnect), until the call takes it or it ends. */
  let pre: PreConnection | null = null;
  const closePre = () => {
    pre?.close();
    pre = null;
  };

  const wire = (s: ClientSocket) => {
    bag.add(onConnectionChange(s, (c) => (connection.value = c)));
    // A dropped connection keeps the call (media goes peer to peer). Back on a server that kept our
    // state, nothing changed; on a new one (a restart), the call re-attaches and any offer is gone.
    bag.add(
      onReconnected(s, (recovered) => {
        if (recovered) return;
        offer.value = null;
        if (call.value) void call.value.resume();
        else presence.value = 'offline';
      }),
    );
    bag.add(
      listen(s, 'presence:changed', (p) => {
        presence.value = p.status;
        wrapUpEndsAt.value = p.wrapUpEndsAt;
      }),
    );
    bag.add(listen(s, 'queue:summary', (p) => (queue.value = p)));
    bag.add(
      listen(s, 'call:offer', (p) => {
        notice.value = null;
        offer.value = p;
        presence.value = 'ringing';
      }),
    );
    bag.add(
      listen(s, 'call:preconnect', (p) => {
        const stream = localStream.value;
        if (!stream || offer.value?.requestId !== p.requestId) return;
        closePre();
        pre = new PreConnection(s, p, stream);
      }),
    );
    // The offer went without a call (declined, withdrawn, timed out): so does its connection.
    bag.add(
      effect(() => {
        if (pre && offer.value?.requestId !== pre.requestId) closePre();
      }),
    );
    bag.add(closePre);
    bag.add(
      listen(s, 'call:offer-withdrawn', (p) => {
        if (offer.value?.requestId !== p.requestId) return;
        offer.value = null;
        notice.value = p.reason === 'timeout' ? 'missedCall' : 'offerWithdrawn';
      }),
    );
    bag.add(
      listen(s, 'call:start', (p) => {
        // Sent again after a reconnect to another node: the call is already here.
        if (call.value?.callId === p.callId) return;
        const stream = localStream.value;
        const ready = pre?.requestId === p.requestId && pre.open && !p.join ? pre : null;
        pre = null;
        offer.value = null;
        if (!stream) {
          ready?.close();
          // A call without a camera cannot work: end it at once so the citizen is not left waiting.
          void request(s, 'call:end', { callId: p.callId });
          notice.value = 'noCamera';
          return;
        }
        presence.value = 'in-call';
        callStartedAt = clock.now();
        lastCall.value = null;
        call.value = new CallController(s, p, stream, onCallDone, undefined, undefined, ready);
      }),
    );
  };

  const fromAck = (ack: { ok: false; code: string }) => {
    notice.value = ack.code === 'timeout' ? 'timeout' : 'generic';
  };
  /** A team action on the call under way; a refusal is shown like any other. */
  const act = async (fn: (c: CallController) => Promise<Ack>): Promise<boolean> => {
    const c = call.value;
    if (!c) return false;
    const ack = await fn(c);
    if (!ack.ok) fromAck(ack);
    return ack.ok;
  };

  return {
    /** The store's time, for the components that count down (useNow). */
    clock,
    lastCall,
    citizenSideLevel: citizenSide.level,
    ownVoiceLevel: ownVoice.level,
    /** How was the connection of the call that just ended (1 bad, 2 so-so, 3 good)? Once. */
    async rateConnection(rating: 1 | 2 | 3) {
      const callId = lastCall.value;
      lastCall.value = null;
      if (socket && callId) await request(socket, 'call:rate', { callId, rating });
    },
    profile,
    connection,
    presence,
    wrapUpEndsAt,
    queue,
    offer,
    notice,
    localStream,
    remoteStream,
    callPhase,
    cameraFailed,
    busy,
    muted,
    cameraOff,
    history,
    pendingPresence,
    peerName: computed(() => call.value?.start.peerName ?? ''),
    /** The call as a team sees it: the other interpreter (if any), who signs now, a pending invitation. */
    team: computed(() => {
      const c = call.value;
      if (!c) return null;
      const mate = c.members.value.find((m) => m.role === 'interpreter' && m.leg !== c.own) ?? null;
      return {
        own: c.own,
        mate,
        mateStream: mate ? (c.links.value.get(mate.leg)?.stream.value ?? null) : null,
        active: c.active.value,
        joining: c.joining.value,
        join: c.start.join ?? null,
        backchannel: c.backchannel.value,
        promptAt: c.start.teamPromptMs ? callStartedAt + c.start.teamPromptMs : null,
      };
    }),
    transfer: (p: Parameters<CallController['transfer']>[0]) => act((c) => c.transfer(p)),
    invite: (deaf: boolean) => act((c) => c.invite(deaf)),
    cancelJoin: () => act((c) => c.cancelJoin()),
    setActive: (leg: string) => act((c) => c.setActive(leg)),
    sendBackchannel: async (text: string) => (await call.value?.sendBackchannel(text)) ?? false,
    callContext: computed(() => call.value?.start.context ?? null),
    quality: computed(() => call.value?.quality.value ?? null),
    qualityLevel: computed(() => call.value?.level.value ?? null),
    feed,

    /** Signed in (the session cookie is set): connect as the account's interpreter. */
    async start(p: Profile): Promise<void> {
      profile.value = p;
      socket = connect();
      wire(socket);
      const sessionFeed = createSessionFeed(socket, 'interpreter');
      bag.add(() => sessionFeed.dispose());
      feed.value = sessionFeed;
      try {
        localStream.value = await prepareMedia();
      } catch (err) {
        console.warn('camera failed', err);
        cameraFailed.value = true;
      }
    },

    async setPresence(status: 'available' | 'break' | 'offline'): Promise<void> {
      if (!socket) return;
      // Nobody may be offered a call who cannot be seen signing.
      if (status === 'available' && !localStream.value) {
        notice.value = 'noCamera';
        return;
      }
      busy.value = true;
      pendingPresence.value = status;
      const ack = await request(socket, 'presence:set', { status });
      busy.value = false;
      pendingPresence.value = null;
      if (ack.ok) {
        presence.value = ack.status;
        if (ack.status !== 'wrap-up') wrapUpEndsAt.value = null;
        if (notice.value === 'missedCall') notice.value = null;
      } else fromAck(ack);
    },

    async accept(): Promise<void> {
      const current = offer.value;
      if (!socket || !current || busy.value) return;
      busy.value = true;
      // The interpreter's own click is their consent: their camera starts on the connection made
      // while it rang now, not a server round trip later (the citizen's starts on call:start).
      const stream = localStream.value;
      if (stream && pre?.requestId === current.requestId && pre.open)
        pre.session.sendMedia(stream).catch((err: unknown) => console.warn('media not started', err));
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

    toggleMute(): void {
      muted.value = !muted.value;
      setTracks('audio', !muted.value);
    },

    toggleCamera(): void {
      cameraOff.value = !cameraOff.value;
      setTracks('video', !cameraOff.value);
    },

    hangUp(): void {
      call.value?.hangUp();
    },

    dispose(): void {
      citizenSide.dispose();
      ownVoice.dispose();
      bag.dispose();
      call.value?.dispose();
      socket?.disconnect();
      stopStream(localStream.value);
      localStream.value = null;
    },
  };
}

export type InterpreterStore = ReturnType<typeof createInterpreterStore>;
