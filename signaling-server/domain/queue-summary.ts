/** The queue at a glance for every interpreter: sent when it changed, at most once per interval. */
import type { ServerToClientEvents } from '../../src/protocol/index.ts';
import type { Clock } from './clock.ts';
import type { ClientId, Outbox } from './switchboard.ts';

type Summary = Parameters<ServerToClientEvents['queue:summary']>[0];

export class QueueSummary {
  private readonly members = new Set<ClientId>();
  private last = '';
  private pending: (() => void) | null = null;
  private lastSentAt = -Infinity;

  constructor(
    private readonly deps: { clock: Clock; outbox: Outbox; policy: { summaryIntervalMs: number } },
    private readonly read: () => Summary,
  ) {}
  joined(id: ClientId): void {
    this.members.add(id);
    this.deps.outbox.send(id, 'queue:summary', this.read());
  }

  left(id: ClientId): void {
    this.members.delete(id);
  }

  changed(): void {
    if (this.pending) return;
    const wait = this.lastSentAt + this.deps.policy.summaryIntervalMs - this.deps.clock.now();
    if (wait <= 0) this.flush();
    else
      this.pending = this.deps.clock.setTimeout(() => {
        this.pending = null;
        this.flush();
      }, wait);
  }

  dispose(): void {
    this.pending?.();
    this.pending = null;
  }

  private flush(): void {
    const summary = this.read();
    const key = JSON.stringify(summary);
    if (key === this.last) return;
    this.last = key;
    this.lastSentAt = this.deps.clock.now();
    for (const id of this.members) this.deps.outbox.send(id, 'queue:summary', summary);
  }
}
