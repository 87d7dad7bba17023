/**
 * A follower's way to the leader: each event goes into the inbox stream in Redis with its
 * idempotency key and randomness, and its answer comes back on this node's reply channel. An event
 * with no answer in time is sent again with the same key (the leader may have died: its successor
 * answers it, applying it at most once); a client event gives up after FORWARD_GIVE_UP_MS with an
 * error the page shows, a connection change keeps trying for CONNECTION_GIVE_UP_MS.
 */
import * as v from 'valibot';
import { fail, type Ack } from '../../src/protocol/index.ts';
import type { Clock } from '../../src/util/clock.ts';
import type { Disposer } from '../../src/util/emitter.ts';
import type { Dispatched, Reply } from '../shell/driver.ts';
import type { ClusterRedis, Keys } from './redis.ts';

const RESEND_MS = 1500;
const FORWARD_GIVE_UP_MS = 12_000;
const CONNECTION_GIVE_UP_MS = 60_000;
/** The inbox keeps about this many entries (a restored leader reads on from where the last one was). */
const INBOX_MAX = 100_000;

const ReplySchema = v.object({ k: v.string(), r: v.nullable(v.record(v.string(), v.unknown())) });

interface Pending {
  event: Dispatched;
  resolve: (reply: Reply) => void;
  resend: Disposer;
  giveUp: Disposer;
}

export class Forwarder {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly redis: ClusterRedis,
    private readonly sub: ClusterRedis,
    private readonly keys: Keys,
    private readonly node: string,
    private readonly clock: Clock,
  ) {}

  async start(): Promise<void> {
    this.sub.on('message', (_channel: string, message: string) => {
      let parsed: v.InferOutput<typeof ReplySchema>;
      try {
        parsed = v.parse(ReplySchema, JSON.parse(message));
      } catch {
        return; // not ours to understand: ignored
      }
      this.answer(parsed.k, (parsed.r ?? undefined) as Reply);
    });
    await this.sub.subscribe(this.keys.reply(this.node));
  }

  /** Sends an event (with its key) to the leader; resolves with its answer. */
  forward(event: Dispatched & { key: string }): Promise<Reply> {
    return new Promise((resolve) => {
      const send = () =>
        void this.redis
          .xadd(this.keys.inbox, 'MAXLEN', '~', INBOX_MAX, '*', 'd', JSON.stringify(event))
          .catch(() => undefined); // Redis away: sent again at the next resend
      const limit = event.type === 'client' ? FORWARD_GIVE_UP_MS : CONNECTION_GIVE_UP_MS;
      this.pending.set(event.key, {
        event,
        resolve,
        resend: this.clock.setInterval(send, RESEND_MS),
        giveUp: this.clock.setTimeout(
          () =>
            this.answer(
              event.key,
              event.type === 'client'
                ? fail('internal', 'The service is switching over. Please try again.')
                : undefined,
            ),
          limit,
        ),
      });
      send();
    });
  }

  /** The leader's answer to a forwarded event goes back to the node it came from. */
  reply(node: string, key: string, reply: Reply): void {
    void this.redis
      .publish(this.keys.reply(node), JSON.stringify({ k: key, r: reply ?? null }))
      .catch(() => undefined); // lost: the event is sent again and answered from the leader's memory
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.answer(key, fail('internal', 'The server is stopping.'));
  }

  private answer(key: string, reply: Reply | Ack<object>): void {
    const p = this.pending.get(key);
    if (!p) return;
    this.pending.delete(key);
    p.resend();
    p.giveUp();
    p.resolve(reply);
  }
}
