/**
 * The kiosk's counter session: welcome → active → ending (the wipe) → welcome, the idle timeout, the
 * screen the citizen is on, the service flow they walk, and the text they type. Together with the
 * call store (kiosk-store.ts) and the session feed, it is everything the kiosk knows of a citizen, and
 * `end()` forgets all of it.
 */
import { computed, effect, signal } from '@preact/signals';
import { IN_CALL_STATES, WAITING_STATES } from '../call/call-machine.ts';
import { answer, back, cardOf, isYesNo, startWalk, stepOf, type FlowWalk } from '../flows/engine.ts';
import { FLOWS_BY_ID } from '../flows/definitions.ts';
import { listen, request, type ClientSocket } from '../net/socket.ts';
import type { IdlePolicy, SessionEndReason } from '../protocol/index.ts';
import type { SessionFeed } from '../session/session-feed.ts';
import { DisposerBag } from '../util/emitter.ts';
import { next } from '../util/machine.ts';
import { PresenceWatch } from '../vision/presence.ts';
import { IdleTimer } from './idle-timer.ts';
import type { KioskStore } from './kiosk-store.ts';
import { KIOSK_SESSION_TABLE, type KioskSessionEvent, type KioskSessionState } from './session-machine.ts';
import { systemClock, type Clock } from '../util/clock.ts';
import { DEFAULT_IDLE } from '../protocol/constants.ts';

export type KioskView = 'home' | 'services' | 'flow' | 'board' | 'chat' | 'call' | 'about';

export function createCounterStore(
  socket: ClientSocket,
  call: KioskStore,
  feed: SessionFeed,
  clock: Clock = systemClock,
) {
  const phase = signal<KioskSessionState>('welcome');
  const pairingCode = signal<string | null>(null);
  const clerkName = signal<string | null>(null);
  const policy = signal<IdlePolicy>(DEFAULT_IDLE);
  const view = signal<KioskView>('home');
  const walk = signal<FlowWalk | null>(null);
  const composer = signal('');
  /** Whether the finished flow's card reached the server (and so the clerk and interpreter). */
  const cardShared = signal(false);
  const idle = signal({ leftS: DEFAULT_IDLE.idleS, warning: false });
  const flow = computed(() => (walk.value ? (FLOWS_BY_ID.get(walk.value.flowId) ?? null) : null));
  /** The server cannot be reached: the kiosk still serves the citizen in front of it, face to face. */
  const offline = computed(() => call.connection.value === 'offline');
  const bag = new DisposerBag();
  let timer: IdleTimer | null = null;
  let presence: PresenceWatch | null = null;
  let restarting = false;
  const WAKE_MS = 1000;

  const fire = (event: KioskSessionEvent): boolean => {
    const to = next('kiosk session', KIOSK_SESSION_TABLE, phase.value, event, (l) => console.debug(l));
    if (to) phase.value = to;
    return to !== null;
  };

  const begin = () => {
    if (!fire('start')) return false;
    timer = new IdleTimer(policy.value, clock.now());
    presence?.reset(clock.now());
    idle.value = { leftS: policy.value.idleS, warning: false };
    view.value = 'home';
    return true;
  };

  /** Forget everything of the citizen: flow, text, chat, pictograms, card, call, storage. */
  const wipe = async () => {
    timer = null;
    walk.value = null;
    cardShared.value = false;
    composer.value = '';
    view.value = 'home';
    feed.clear();
    feed.follow(null);
    await call.resetForNextCitizen();
    try {
      sessionStorage.clear();
      localStorage.clear();
    } catch {
      // Storage may be unavailable (private mode); then there is nothing in it either.
    }
    idle.value = { leftS: policy.value.idleS, warning: false };
  };

  const finish = async (reason: SessionEndReason | null) => {
    if (!fire('end')) return;
    if (reason && feed.sessionId.value) await request(socket, 'session:end', { reason });
    await wipe();
    fire('wiped');
  };

  // The service the citizen chose goes with a call request (it may need a specialised interpreter);
  // the wipe forgets it with the rest.
  bag.add(
    effect(() => {
      const chosen = walk.value?.flowId;
      if (chosen) call.service.value = chosen;
    }),
  );
  bag.add(
    listen(socket, 'session:state', (s) => {
      pairingCode.value = s.pairingCode;
      clerkName.value = s.clerkName;
      if (s.idle.awayS !== policy.value.awayS) presence = null;
      policy.value = s.idle;
      if (s.sessionId && phase.value === 'welcome') begin();
      if (s.sessionId && phase.value === 'active') feed.follow(s.sessionId);
      // The server restarted and forgot the citizen's session: open a new one (what was said is gone
      // from the server, as it would be anyway; the citizen's screen goes on).
      if (!s.sessionId && phase.value === 'active' && feed.sessionId.value && !restarting) {
        restarting = true;
        void request(socket, 'session:start', {}).then((ack) => {
          restarting = false;
          if (ack.ok && phase.value === 'active') feed.follow(ack.sessionId);
        });
      }
    }),
  );
  bag.add(
    listen(socket, 'session:ended', (e) => {
      if (e.sessionId === feed.sessionId.value || phase.value === 'active') void finish(null);
    }),
  );

  // Text and pictures instead of (or beside) the video: the citizen chose them, so show the writing.
  bag.add(
    effect(() => {
      if (call.fallback.value === 'chosen' || call.poorVideoChoice.value === 'chosen') view.value = 'chat';
    }),
  );
  // An interpreter answered: the call joins the session on the interpreter's screen.
  bag.add(
    effect(() => {
      if (call.state.value === 'connecting' && phase.peek() === 'active') view.value = 'call';
    }),
  );

  // Presence (when vision runs): a face held for a second wakes the welcome screen; nobody in view for
  // awayS, with no call waiting or running, ends the session through its normal end (the wipe).
  call.setFaceListener((seen) => {
    const now = clock.now();
    presence ??= new PresenceWatch({ wakeMs: WAKE_MS, awayMs: policy.value.awayS * 1000 }, now);
    const busy = WAITING_STATES.includes(call.state.value) || IN_CALL_STATES.includes(call.state.value);
    if (busy) presence.reset(now);
    const event = presence.update(seen, now);
    if (event === 'wake' && phase.value === 'welcome') void store.start();
    if (event === 'away' && phase.value === 'active' && !busy) void finish('away');
  });

  // The idle countdown, once a second; any touch or key on the page starts it again.
  const stopTick = clock.setInterval(() => {
    if (phase.value !== 'active' || !timer) return;
    const busy = WAITING_STATES.includes(call.state.value) || IN_CALL_STATES.includes(call.state.value);
    const next = timer.tick(clock.now(), busy);
    if (next.expired) void finish('idle');
    else if (next.leftS !== idle.value.leftS || next.warning !== idle.value.warning) idle.value = next;
  }, 250);
  bag.add(stopTick);
  const activity = () => {
    // While the warning shows, it is a modal dialog: its button answers it.
    if (phase.value === 'active' && !idle.value.warning) timer?.touch(clock.now());
  };
  addEventListener('pointerdown', activity, { capture: true });
  addEventListener('keydown', activity, { capture: true });
  bag.add(() => removeEventListener('pointerdown', activity, { capture: true }));
  bag.add(() => removeEventListener('keydown', activity, { capture: true }));

  const store = {
    phase,
    pairingCode,
    clerkName,
    policy,
    view,
    walk,
    flow,
    composer,
    cardShared,
    idle,
    offline,

    /** Sends the finished card again (it was made while the server could not be reached). */
    async shareCard(): Promise<void> {
      const card = walk.value && cardOf(walk.value);
      if (card) cardShared.value = (await feed.shareCard(card)) === 'sent';
    },

    /** The citizen touched the welcome screen (or was seen by the camera): a session starts. */
    async start(): Promise<void> {
      if (!begin()) return;
      const ack = await request(socket, 'session:start', {});
      // Without the server the kiosk still works (flows, board); nothing is shared until it is back.
      if (ack.ok && phase.value === 'active') feed.follow(ack.sessionId);
    },

    end: (reason: SessionEndReason = 'done') => finish(reason),

    /** "I'm still here": the warning goes and the whole idle time starts again. */
    stillHere(): void {
      timer?.touch(clock.now());
      idle.value = { leftS: policy.value.idleS, warning: false };
    },

    open(next: KioskView): void {
      view.value = next;
    },

    chooseFlow(id: string): void {
      const chosen = FLOWS_BY_ID.get(id);
      if (!chosen) return;
      // Back to the service already begun: it goes on where it was ("start over" begins it again).
      if (walk.value?.flowId === id) {
        view.value = 'flow';
        return;
      }
      walk.value = startWalk(chosen);
      cardShared.value = false;
      view.value = 'flow';
    },

    async answerStep(choice: string): Promise<void> {
      const current = flow.value;
      if (!current || !walk.value) return;
      walk.value = answer(current, walk.value, choice);
      const card = cardOf(walk.value);
      if (card) cardShared.value = (await feed.shareCard(card)) === 'sent';
    },

    back(): void {
      cardShared.value = false;
      if (walk.value && walk.value.answers.length > 0) walk.value = back(walk.value);
      else {
        walk.value = null;
        view.value = 'services';
      }
    },

    startOver(): void {
      const current = flow.value;
      cardShared.value = false;
      if (current) walk.value = startWalk(current);
    },

    tapPictogram: (id: string) => feed.sendPictograms([id]),

    async sendText(text: string): Promise<'sent' | 'timeout' | 'error'> {
      const result = await feed.sendChat(text);
      if (result === 'sent') {
        composer.value = '';
        feed.typing('');
      }
      return result;
    },

    type(text: string): void {
      composer.value = text;
      feed.typing(text);
    },

    /** What the kiosk holds of the citizen, for the wipe's check (and nothing else). */
    snapshot() {
      return {
        phase: phase.value,
        view: view.value,
        walk: walk.value,
        composer: composer.value,
        sessionId: feed.sessionId.value,
        feed: feed.items.value,
        drafts: feed.drafts.value,
        card: feed.card.value,
        call: call.snapshot(),
        storage: { session: sessionStorage.length, local: localStorage.length },
      };
    },

    dispose: () => bag.dispose(),
  };

  // A yes/no step of a flow can be answered by a held thumb, like the call's questions.
  call.setOtherQuestion(() => {
    const current = flow.value;
    const stepId = walk.value?.stepId;
    if (phase.value !== 'active' || view.value !== 'flow' || !current || !stepId) return null;
    return isYesNo(stepOf(current, stepId)) ? (yes) => void store.answerStep(yes ? 'yes' : 'no') : null;
  });
  return store;
}

export type CounterStore = ReturnType<typeof createCounterStore>;
