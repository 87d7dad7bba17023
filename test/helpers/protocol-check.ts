/**
 * Every payload a real server sends to a test client is checked against the protocol's schemas
 * (SERVER_EVENTS for events, ACK_RESULTS for successful acks). A payload that does not match is a
 * violation; `test/helpers/protocol-setup.ts` fails the test that saw one.
 */
import * as v from 'valibot';
import { ACK_RESULTS, SERVER_EVENTS, type ServerEventName } from '../../src/protocol/index.ts';

const violations: string[] = [];
/** Off unless a test set-up turns it on (benchmarks use the same clients and must not pay for it). */
let checking = false;
export function checkProtocol(): void {
  checking = true;
}

const describe = (issues: readonly v.BaseIssue<unknown>[]) =>
  issues.map((i) => `${v.getDotPath(i) ?? 'payload'}: ${i.message}`).join('; ');

export function checkServerEvent(event: string, args: unknown[]): void {
  if (!checking) return;
  if (!Object.hasOwn(SERVER_EVENTS, event)) {
    violations.push(`unknown server event "${event}"`);
    return;
  }
  // With connection state recovery on, socket.io-client passes the packet's offset (a string) last.
  const offset = args.length === 2 && typeof args[1] === 'string';
  if (args.length !== 1 && !offset) violations.push(`${event}: ${args.length} arguments, not 1`);
  const result = v.safeParse(SERVER_EVENTS[event as ServerEventName], args[0]);
  if (!result.success) violations.push(`${event}: ${describe(result.issues)}`);
}

export function checkAck(event: string, ack: unknown): void {
  if (!checking) return;
  if (!Object.hasOwn(ACK_RESULTS, event) || typeof ack !== 'object' || ack === null) return;
  if (!('ok' in ack) || ack.ok !== true) return;
  const rest: Record<string, unknown> = { ...ack };
  delete rest.ok;
  const result = v.safeParse(ACK_RESULTS[event as keyof typeof ACK_RESULTS], rest);
  if (!result.success) violations.push(`ack of ${event}: ${describe(result.issues)}`);
}

/** What was seen since the last call, and forget it. */
export function takeViolations(): string[] {
  return violations.splice(0);
}
