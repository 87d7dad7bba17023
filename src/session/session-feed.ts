/**
 * What a counter session carries, on any of its three screens (kiosk, clerk, interpreter): the chat,
 * the others' live drafts (real-time text), pictogram messages and the request card. Memory only;
 * `clear()` forgets all of it, and a `session:ended` from the server does the same.
 */
import { computed, signal } from '@preact/signals';
import type { RequestCard } from '../flows/engine.ts';
import { listen, request, type ClientSocket } from '../net/socket.ts';
import {
  fail,
  type Ack,
  type ChatMessage,
  type ClientEventResults,
  type PictogramMessage,
  type SessionRole,
} from '../protocol/index.ts';
import { DisposerBag } from '../util/emitter.ts';
import { systemClock, type Clock } from '../util/clock.ts';
import { KEEP_CHAT_MESSAGES } from '../protocol/constants.ts';

/** Drafts go out at most this often while typing (the last one always goes). */
const DRAFT_INTERVAL_MS = 150;

export type FeedItem = ({ kind: 'chat' } & ChatMessage) | ({ kind: 'pictograms' } & PictogramMessage);

export type SendResult = 'sent' | 'timeout' | 'error';

export function createSessionFeed(socket: ClientSocket, me: SessionRole, clock: Clock = systemClock) {
  const sessionId = signal<string | null>(null);
  const items = signal<FeedItem[]>([]);
  const drafts = signal<Partial<Record<SessionRole, string>>>({});
  const card = signal<RequestCard | null>(null);
  /** The newest pictogram message, shown large. */
  const lastPictograms = computed(() => {
    for (let i = items.value.length - 1; i >= 0; i--) {
      const item = items.value[i]!;
      if (item.kind === 'pictograms') return item;
    }
    return null;
  });
  const bag = new DisposerBag();
  let draftTimer: (() => void) | null = null;
  let pendingDraft: string | null = null;
  let lastDraftAt = 0;

  const mine = (id: string) => sessionId.value !== null && id === sessionId.value;
  const push = (item: FeedItem) => {
    if (items.value.some((x) => x.id === item.id)) return;
    items.value = [...items.value, item].slice(-KEEP_CHAT_MESSAGES);
  };
  const clear = () => {
    draftTimer?.();
    draftTimer = null;
    pendingDraft = null;
    items.value = [];
    drafts.value = {};
    card.value = null;
  };

  bag.add(
    listen(socket, 'chat:message', (m) => {
      if (!mine(m.sessionId)) return;
      push({ kind: 'chat', ...m });
      drafts.value = { ...drafts.value, [m.from]: '' };
    }),
  );
  bag.add(
    listen(socket, 'chat:draft', (d) => {
      if (mine(d.sessionId)) drafts.value = { ...drafts.value, [d.from]: d.text };
    }),
  );
  bag.add(listen(socket, 'pictogram:shown', (m) => mine(m.sessionId) && push({ kind: 'pictograms', ...m })));
  bag.add(listen(socket, 'card:shared', (c) => mine(c.sessionId) && (card.value = c.card)));
  bag.add(
    listen(socket, 'session:snapshot', (s) => {
      clear();
      sessionId.value = s.sessionId;
      card.value = s.card;
      const all: FeedItem[] = [
        ...s.messages.map((m) => ({ kind: 'chat' as const, ...m })),
        ...s.pictograms.map((m) => ({ kind: 'pictograms' as const, ...m })),
      ];
      items.value = all.sort((a, b) => a.at - b.at);
    }),
  );
  bag.add(
    listen(socket, 'session:ended', (e) => {
      if (!mine(e.sessionId)) return;
      clear();
      sessionId.value = null;
    }),
  );
  bag.add(() => draftTimer?.());

  /**
   * What people say goes now or not at all: while the connection is down it is not queued (Socket.IO
   * would send it on reconnecting, minutes later and maybe to someone else's session).
   */
  const say = <E extends 'chat:send' | 'chat:draft' | 'pictogram:send' | 'card:send'>(
    event: E,
    payload: Parameters<typeof request<E>>[2],
  ): Promise<Ack<ClientEventResults[E]>> =>
    socket.connected ? request(socket, event, payload) : Promise.resolve(fail('timeout', 'Not connected.'));

  const flushDraft = () => {
    draftTimer = null;
    if (pendingDraft === null) return;
    const text = pendingDraft;
    pendingDraft = null;
    lastDraftAt = clock.now();
    void say('chat:draft', { text });
  };

  return {
    sessionId,
    items,
    drafts,
    card,
    lastPictograms,
    me,

    /** The session this feed follows (from session:state on the kiosk and the clerk console). */
    follow(id: string | null): void {
      if (id === sessionId.value) return;
      clear();
      sessionId.value = id;
    },

    async sendChat(text: string): Promise<SendResult> {
      const ack = await say('chat:send', { text });
      if (ack.ok) {
        pendingDraft = null;
        return 'sent';
      }
      return ack.code === 'timeout' ? 'timeout' : 'error';
    },

    /** Real-time text: what I am typing now, throttled. */
    typing(text: string): void {
      pendingDraft = text;
      if (draftTimer) return;
      const wait = Math.max(0, lastDraftAt + DRAFT_INTERVAL_MS - clock.now());
      draftTimer = clock.setTimeout(flushDraft, wait);
    },

    async sendPictograms(ids: string[]): Promise<SendResult> {
      const ack = await say('pictogram:send', { ids });
      return ack.ok ? 'sent' : ack.code === 'timeout' ? 'timeout' : 'error';
    },

    async shareCard(next: RequestCard): Promise<SendResult> {
      card.value = next;
      const ack = await say('card:send', { card: next });
      return ack.ok ? 'sent' : ack.code === 'timeout' ? 'timeout' : 'error';
    },

    clear,
    dispose: () => bag.dispose(),
  };
}

export type SessionFeed = ReturnType<typeof createSessionFeed>;
