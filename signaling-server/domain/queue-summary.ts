/** The queue at a glance for every interpreter: sent when it changed, at most once per interval. */
import type { ServerToClientEvents } from '../../src/protocol/index.ts';
import type { Clock } from './clock.ts';
import type { ClientId, Outbox } from './switchboard.ts';
import { Throttle } from './throttle.ts';

type Summary = Parameters<ServerToClientEvents['queue:summary']>[0];

export class QueueSummary {
  private readonly members = new Set<ClientId>();
  private last = '';
  private readonly throttle: Throttle;

  constructor(
    private readonly deps: { clock: Clock; outbox: Outbox; policy: { summaryIntervalMs: number } },
    private readonly read: () => Summary,
  ) {
    this.throttle = new Throttle(deps.clock, deps.policy.summaryIntervalMs, () => this.flush());
  }

  joined(id: ClientId): void {
    this.members.add(id);
    this.deps.outbox.send(id, 'queue:summary', this.read());
  }

  left(id: ClientId): void {
    this.members.delete(id);
  }

  changed(): void {
    this.throttle.request();
  }

  dispose(): void {
    this.throttle.dispose();
  }

  private flush(): void {
    const summary = this.read();
    const key = JSON.stringify(summary);
    if (key === this.last) return;
    this.last = key;
    for (const id of this.members) this.deps.outbox.send(id, 'queue:summary', summary);
  }
}
