/**
 * Kiosk app state as signals, and the actions the screen may call. The screen never touches the
 * socket or the peer; this store is the only thing that does.
 */
import { computed, effect, signal } from '@preact/signals';
import {
  IN_CALL_STATES,
  KIOSK_CALL_TABLE,
  WAITING_STATES,
  type KioskCallEvent,
  type KioskCallState,
} from '../call/call-machine.ts';
import { CallController, prepareMedia, type CallOutcome } from '../call/call-controller.ts';
import { PreConnection } from '../call/preconnect.ts';
import { stopStream } from '../call/media.ts';
import { listen, onConnectionChange, onReconnected, request, type ClientSocket } from '../net/socket.ts';
import type { GenderPref, SignLanguage, Skill } from '../protocol/index.ts';
import type { FramingHint } from '../vision/framing.ts';
import { GestureHold, type HoldState } from '../vision/hold.ts';
import { PRESENCE_MIN_SCORE } from '../vision/presence.ts';
import type { ConnectionState } from '../ui/Shell.tsx';
import { DisposerBag } from '../util/emitter.ts';
import { next } from '../util/machine.ts';
import { speechOf } from '../call/speech.ts';
import { systemClock } from '../util/clock.ts';

const POOR_VIDEO_S = 10;

export type KioskNotice = 'endedByInterpreter' | 'requeued' | 'noCamera' | 'timeout' | 'generic' | null;

export function createKioskStore(socket: ClientSocket) {
  const state = signal<KioskCallState>('idle');
  const position = signal<number | null>(null);
  const estimatedWaitS = signal<number | null>(null);
  const notice = signal<KioskNotice>(null);
  const connection = signal<ConnectionState>('connecting');
  const localStream = signal<MediaStream | null>(null);
  const cameraFailed = signal(false);
  const genderPref = signal<GenderPref>('any');
  const languages = signal<SignLanguage[]>([]);
  const languagePref = signal<SignLanguage | null>(null);
  /** The server asked whether any interpreter will do (nobody of the chosen gender answered). */
  const askAnyGender = signal(false);
  /** The server asked whether any interpreter will do (nobody with the service's skills is free): those skills. */
  const askAnySkill = signal<Skill[] | null>(null);
  /** The service flow the citizen is in (its id), sent with a request: a service may need a specialty. */
  const service = signal<string | null>(null);
  /** The server offered text and pictograms while the citizen keeps their place; and their answer. */
  const fallback = signal<'none' | 'offered' | 'chosen'>('none');
  const call = signal<CallController | null>(null);
  /** The call that just ended, while the citizen may still rate it. */
  const rateCallId = signal<string | null>(null);
  /** The interpreter the citizen chose to see large (null: the one signing now). */
  const pinned = signal<string | null>(null);
  /** The call's interpreters (two while a transfer completes, or in a team), each with its video. */
  const interpreters = computed(() => {
    const c = call.value;
    if (!c) return [];
    return c.members.value
      .filter((m) => m.role === 'interpreter')
      .map((m) => ({ leg: m.leg, name: m.name, stream: c.links.value.get(m.leg)?.stream.value ?? null }));
  });
  /** Who is large: the one pinned, else the one signing now, else the first. */
  const shown = computed(() => {
    const list = interpreters.value;
    const want = pinned.value ?? call.value?.active.value ?? null;
    return list.find((i) => i.leg === want) ?? list[0] ?? null;
  });
  const remoteStream = computed(() =>
    shown.value ? shown.value.stream : (call.value?.remoteStream.value ?? null),
  );
  const interpreterName = computed(() => shown.value?.name ?? call.value?.start.peerName ?? '');
  /** The other interpreter, small beside the large one. */
  const otherInterpreter = computed(() => interpreters.value.find((i) => i !== shown.value) ?? null);
  /** Another interpreter is being looked for: the citizen is told, and the call goes on meanwhile. */
  const joining = computed(() => call.value?.joining.value ?? null);
  /** What the framing guide says about the camera picture; null until vision has loaded. */
  const framing = signal<FramingHint | null>(null);
  /** Touchless yes/no for the question on screen: who is holding which answer, and how far. */
  const touchless = signal<HoldState>({ holding: null, progress: 0, answered: null });
  const hold = new GestureHold(1000);
  /** What a question on screen shows of touchless answering: nothing until vision runs. */
  const questionTouchless = computed(() => (framing.value ? touchless.value : undefined));
  const qualityLevel = computed(() => call.value?.level.value ?? null);
  /** After 10 poor seconds in a row, the citizen is offered text and pictograms; the call goes on. */
  const poorVideoChoice = signal<'none' | 'dismissed' | 'chosen'>('none');
  const offerTextForPoorVideo = computed(
    () => (call.value?.poorSeconds.value ?? 0) >= POOR_VIDEO_S && poorVideoChoice.value === 'none',
  );
  const bag = new DisposerBag();
  let requestId: string | null = null;
  /** Another yes/no question on screen (a flow step), registered by the counter session. */
  let otherQuestion: (() => ((yes: boolean) => void) | null) | null = null;
  /** Told on every vision turn whether a face is in view (the counter session's presence). */
  let faceListener: ((seen: boolean) => void) | null = null;

  /** The connection made while the offer rings (call:preconnect), until the call takes it or it ends. */
  let pre: PreConnection | null = null;
  const closePre = () => {
    pre?.close();
    pre = null;
  };

  const fire = (event: KioskCallEvent): boolean => {
    const to = next('kiosk call', KIOSK_CALL_TABLE, state.value, event, (line) => console.debug(line));
    if (to) state.value = to;
    // Waiting no more (cancelled, failed, reset), and no call took the connection: it goes.
    if (to && !WAITING_STATES.includes(to) && to !== 'connecting') closePre();
    if (to && (to === 'idle' || to === 'connecting' || to === 'ended' || to === 'failed')) {
      askAnyGender.value = false;
      askAnySkill.value = null;
      fallback.value = 'none';
    }
    return to !== null;
  };

  const onCallDone = (outcome: CallOutcome, requeuedAs?: { requestId: string; position: number }) => {
    const ended = call.value;
    call.value = null;
    pinned.value = null;
    // A call that took place may be rated ("how was it?"), once, until the next call or the wipe.
    if (ended && !requeuedAs && outcome !== 'failed') rateCallId.value = ended.callId;
    if (requeuedAs) {
      requestId = requeuedAs.requestId;
      position.value = requeuedAs.position;
      notice.value = 'requeued';
      fire('requeued');
      return;
    }
    if (outcome === 'hangup') {
      fire('reset');
      return;
    }
    notice.value = outcome === 'peer_hangup' || outcome === 'peer_disconnected' ? 'endedByInterpreter' : null;
    fire(outcome === 'failed' ? 'failed' : 'ended');
  };

  // Who is speaking, shown in words and a pictogram: the clerk (the kiosk's own microphone, while a
  // call is on) and the interpreter voicing (the call's incoming audio).
  const clerkSpeech = speechOf(
    computed(() => (IN_CALL_STATES.includes(state.value) ? localStream.value : null)),
    systemClock,
  );
  const interpreterSpeech = speechOf(remoteStream, systemClock);
  bag.add(clerkSpeech.dispose);
  bag.add(interpreterSpeech.dispose);
  bag.add(onConnectionChange(socket, (c) => (connection.value = c)));
  bag.add(
    effect(() => {
      const phase = call.value?.phase.value;
      if (phase === 'connected' || phase === 'reconnecting') fire(phase);
    }),
  );
  bag.add(
    listen(socket, 'call:status', (p) => {
      if (requestId !== null && p.requestId !== requestId) return;
      position.value = p.position;
      estimatedWaitS.value = p.estimatedWaitS;
      fire(p.state);
    }),
  );
  bag.add(
    listen(socket, 'call:preconnect', (p) => {
      const stream = localStream.value;
      if (!stream || !WAITING_STATES.includes(state.value)) return;
      closePre();
      pre = new PreConnection(socket, p, stream);
    }),
  );
  bag.add(
    listen(socket, 'call:preconnect-end', (p) => {
      if (pre?.requestId === p.requestId) closePre();
    }),
  );
  bag.add(closePre);
  bag.add(
    listen(socket, 'call:ask-any-gender', (p) => {
      if (p.requestId === requestId) askAnyGender.value = true;
    }),
  );
  bag.add(
    listen(socket, 'call:ask-any-skill', (p) => {
      if (p.requestId === requestId) askAnySkill.value = p.skills;
    }),
  );
  bag.add(
    listen(socket, 'call:fallback-offered', (p) => {
      if (p.requestId === requestId && fallback.value === 'none') fallback.value = 'offered';
    }),
  );
  bag.add(
    listen(socket, 'call:start', (p) => {
      // Sent again after a reconnect to another node: the call is already here.
      if (call.value?.callId === p.callId) return;
      const stream = localStream.value;
      if (!stream) {
        // Without a camera this call cannot work: say so at once instead of leaving the other side waiting.
        void request(socket, 'call:end', { callId: p.callId });
        requestId = null;
        notice.value = 'noCamera';
        fire('failed');
        return;
      }
      const ready = pre?.requestId === p.requestId && pre.open ? pre : null;
      pre = null;
      if (!fire('start')) {
        ready?.close();
        return;
      }
      requestId = null;
      notice.value = null;
      poorVideoChoice.value = 'none';
      rateCallId.value = null;
      call.value = new CallController(socket, p, stream, onCallDone, undefined, undefined, ready);
    }),
  );
  // A dropped connection keeps the call: the media goes peer to peer. Back on a server that kept our
  // state, nothing is lost; on one that did not (a restart), the call re-attaches and a request is gone.
  bag.add(
    onReconnected(socket, (recovered) => {
      if (recovered) return;
      if (call.value) void call.value.resume();
      else if (requestId !== null || WAITING_STATES.includes(state.value)) {
        requestId = null;
        notice.value = 'timeout';
        fire('failed');
      }
    }),
  );

  const answer = async (
    event: 'call:relax' | 'call:fallback' | 'call:cancel',
    id: string,
    extra: { drop?: 'skills' } = {},
  ) => {
    const ack = await request(socket, event, { requestId: id, ...extra });
    if (!ack.ok) notice.value = ack.code === 'timeout' ? 'timeout' : 'generic';
    return ack.ok;
  };

  return {
    state,
    position,
    estimatedWaitS,
    notice,
    connection,
    localStream,
    remoteStream,
    otherInterpreter,
    joining,
    pinned,
    cameraFailed,
    interpreterName,
    genderPref,
    languages,
    languagePref,
    askAnyGender,
    askAnySkill,
    service,
    fallback,
    qualityLevel,
    framing,
    touchless,
    questionTouchless,
    poorVideoChoice,
    offerTextForPoorVideo,

    /** Lets a held thumb answer another yes/no question (the counter's flow steps). */
    setOtherQuestion(provider: () => ((yes: boolean) => void) | null): void {
      otherQuestion = provider;
    },

    setFaceListener(listener: (seen: boolean) => void): void {
      faceListener = listener;
    },

    async startCamera(): Promise<void> {
      try {
        localStream.value = await prepareMedia();
      } catch (err) {
        console.warn('camera failed', err);
        cameraFailed.value = true;
      }
    },

    /** The sign languages this office offers (a choice is shown only when there is more than one). */
    async loadLanguages(): Promise<void> {
      try {
        const res = await fetch('/api/sign-languages');
        if (res.ok) languages.value = ((await res.json()) as { languages: SignLanguage[] }).languages;
      } catch (err) {
        // Without the list the kiosk simply offers no language choice; the office default applies.
        console.warn('sign languages not loaded', err);
      }
    },

    /**
     * Starts the framing guide. Vision is its own chunk, loaded only now (after the first screen), and
     * the kiosk works the same without it if it cannot load.
     */
    async startVision(): Promise<void> {
      // The yes/no question on screen, if any, answered by a held thumb (touch always works too).
      const openQuestion = (): ((yes: boolean) => void) | null => {
        if (askAnyGender.value) return (yes) => void this.acceptAnyGender(yes);
        if (askAnySkill.value) return (yes) => void this.acceptAnySkill(yes);
        if (fallback.value === 'offered') return (yes) => void this.chooseFallback(yes);
        if (offerTextForPoorVideo.value)
          return (yes) => (poorVideoChoice.value = yes ? 'chosen' : 'dismissed');
        const other = otherQuestion?.() ?? null;
        if (other) return other;
        // "How was it?" answers to a held thumb too: up is good, down is bad.
        if (rateCallId.value) return (yes) => void this.rate(yes ? 3 : 1);
        return null;
      };
      const stream = localStream.value;
      if (!stream) return;
      try {
        const { startVision } = await import('../vision/vision-loop.ts');
        bag.add(
          await startVision(stream, {
            // 8 turns a second are plenty for hints, a held thumb and presence, and leave the CPU to
            // the call's encoder (bench:vision: at 12 Hz the call lost 7 % of its frames).
            maxHz: 8,
            expectHands: () => IN_CALL_STATES.includes(state.value),
            onHint: (hint) => (framing.value = hint),
            onFace: (score) => faceListener?.(score >= PRESENCE_MIN_SCORE),
            onGesture: (gesture) => {
              const question = openQuestion();
              if (!question) {
                if (touchless.value.holding) touchless.value = { holding: null, progress: 0, answered: null };
                return;
              }
              const next = hold.update(gesture, performance.now());
              touchless.value = next;
              if (next.answered) question(next.answered === 'yes');
            },
          }),
        );
      } catch (err) {
        console.warn('vision not available', err);
      }
    },

    async callInterpreter(): Promise<void> {
      if (!localStream.value) {
        notice.value = 'noCamera';
        return;
      }
      if (!fire('request')) return;
      notice.value = null;
      position.value = null;
      estimatedWaitS.value = null;
      const language = languagePref.value;
      const flow = service.value;
      const ack = await request(socket, 'call:request', {
        gender: genderPref.value,
        ...(language ? { language } : {}),
        ...(flow ? { flow } : {}),
      });
      if (!ack.ok) {
        notice.value = ack.code === 'timeout' ? 'timeout' : 'generic';
        fire('failed');
        return;
      }
      if (state.value === 'idle') {
        // Cancelled while the request was on its way: take it back now that it has an id.
        await request(socket, 'call:cancel', { requestId: ack.requestId });
        return;
      }
      // The call may already have started (its call:start can overtake this ack's continuation).
      if (state.value !== 'requesting' && state.value !== 'queued' && state.value !== 'ringing') return;
      requestId = ack.requestId;
      position.value ??= ack.position;
      if (state.value === 'requesting') fire('queued');
    },

    async acceptAnyGender(yes: boolean): Promise<void> {
      askAnyGender.value = false;
      if (yes && requestId) await answer('call:relax', requestId);
    },

    async acceptAnySkill(yes: boolean): Promise<void> {
      askAnySkill.value = null;
      if (yes && requestId) await answer('call:relax', requestId, { drop: 'skills' });
    },

    async chooseFallback(yes: boolean): Promise<void> {
      if (!yes || !requestId) {
        fallback.value = 'none';
        return;
      }
      if (await answer('call:fallback', requestId)) fallback.value = 'chosen';
    },

    async cancel(): Promise<void> {
      const id = requestId;
      requestId = null;
      fire('reset');
      if (id) await answer('call:cancel', id);
    },

    hangUp(): void {
      call.value?.hangUp();
    },

    rateCallId,
    clerkSpeaking: clerkSpeech.speaking,
    interpreterVoicing: interpreterSpeech.speaking,
    /** The citizen's answer to "how was it?" (or null: skipped). Optional, once. */
    async rate(rating: 1 | 2 | 3 | null): Promise<void> {
      const callId = rateCallId.value;
      rateCallId.value = null;
      if (callId && rating !== null) await request(socket, 'call:rate', { callId, rating });
    },

    /**
     * The citizen's session is over: take back any request, end any call, and forget every choice and
     * notice, so the next citizen starts from nothing. The camera stays open (it belongs to the kiosk).
     */
    async resetForNextCitizen(): Promise<void> {
      if (WAITING_STATES.includes(state.value)) await this.cancel();
      if (call.value) {
        call.value.hangUp();
        call.value?.dispose();
        call.value = null;
      }
      if (state.value !== 'idle') fire('reset');
      requestId = null;
      rateCallId.value = null;
      notice.value = null;
      position.value = null;
      estimatedWaitS.value = null;
      genderPref.value = 'any';
      languagePref.value = null;
      askAnyGender.value = false;
      askAnySkill.value = null;
      service.value = null;
      pinned.value = null;
      fallback.value = 'none';
      poorVideoChoice.value = 'none';
      touchless.value = { holding: null, progress: 0, answered: null };
    },

    /** What the kiosk holds of the citizen's call, for the wipe's check. */
    snapshot() {
      return {
        state: state.value,
        requestId,
        notice: notice.value,
        genderPref: genderPref.value,
        languagePref: languagePref.value,
        service: service.value,
        askAnySkill: askAnySkill.value,
        fallback: fallback.value,
        remoteStream: remoteStream.value !== null,
        rateCallId: rateCallId.value,
      };
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
