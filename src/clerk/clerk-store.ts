/**
 * The clerk console's state: the counter it is paired with, that counter's session and call, and the
 * pictograms the clerk is about to send. The session's text and pictograms are in the session feed.
 */
import { computed, signal } from '@preact/signals';
import { listen, onConnectionChange, onReconnected, request, type ClientSocket } from '../net/socket.ts';
import type { Ack, CounterState, ErrorCode } from '../protocol/index.ts';
import { MAX_PICTOGRAMS_PER_MESSAGE } from '../protocol/index.ts';
import { searchPictograms } from '../pictograms/search.ts';
import type { SessionFeed } from '../session/session-feed.ts';
import type { ConnectionState } from '../ui/Shell.tsx';
import { DisposerBag } from '../util/emitter.ts';

export type ClerkNotice = 'pairFailed' | 'sendFailed' | null;

export function createClerkStore(socket: ClientSocket, feed: SessionFeed) {
  const connection = signal<ConnectionState>('connecting');
  const counter = signal<CounterState | null>(null);
  const pairError = signal<ErrorCode | null>(null);
  const error = signal<ErrorCode | null>(null);
  const query = signal('');
  const selected = signal<string[]>([]);
  const suggestions = computed(() => (query.value.trim() ? searchPictograms(query.value) : []));
  const bag = new DisposerBag();

  bag.add(onConnectionChange(socket, (c) => (connection.value = c)));
  // A new connection (the server restarted) has no pairing: show the pairing form again.
  bag.add(
    onReconnected(socket, (recovered) => {
      if (recovered) return;
      counter.value = null;
      feed.follow(null);
    }),
  );
  bag.add(
    listen(socket, 'session:state', (s) => {
      counter.value = s.kiosk ? s : null;
      feed.follow(s.kiosk ? s.sessionId : null);
    }),
  );

  const report = (ack: Ack) => {
    error.value = ack.ok ? null : ack.code;
    return ack.ok;
  };

  return {
    connection,
    counter,
    pairError,
    error,
    query,
    selected,
    suggestions,

    async pair(code: string): Promise<void> {
      const ack = await request(socket, 'session:pair', { code });
      pairError.value = ack.ok ? null : ack.code;
    },
    async unpair(): Promise<void> {
      report(await request(socket, 'session:unpair', {}));
    },
    async startSession(): Promise<void> {
      const ack = await request(socket, 'session:start', {});
      if (report(ack) && ack.ok) feed.follow(ack.sessionId);
    },
    async endSession(): Promise<void> {
      report(await request(socket, 'session:end', { reason: 'done' }));
    },
    async sendText(text: string): Promise<boolean> {
      const result = await feed.sendChat(text);
      error.value = result === 'sent' ? null : result === 'timeout' ? 'timeout' : 'internal';
      return result === 'sent';
    },

    toggle(id: string): void {
      const list = selected.value;
      if (list.includes(id)) selected.value = list.filter((x) => x !== id);
      else if (list.length < MAX_PICTOGRAMS_PER_MESSAGE) selected.value = [...list, id];
    },
    async sendPictograms(): Promise<void> {
      if (selected.value.length === 0) return;
      if ((await feed.sendPictograms(selected.value)) === 'sent') {
        selected.value = [];
        query.value = '';
        error.value = null;
      } else error.value = 'internal';
    },

    dispose(): void {
      bag.dispose();
      socket.disconnect();
    },
  };
}

export type ClerkStore = ReturnType<typeof createClerkStore>;
