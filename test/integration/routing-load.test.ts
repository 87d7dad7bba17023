/**
 * 5 interpreters and 20 kiosks on a real server with a real SQLite file: interpreters accept (one
 * declines every first offer), talk, hang up and end wrap-up early; three citizens cancel. Every
 * request must end answered or cancelled, and the records must say exactly what happened.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { connectClient, emitRaw, interpreterAuth, kioskAuth, type TestSocket } from '../helpers/clients.ts';
import { startTestServer, type TestServer, routing } from '../helpers/server.ts';

let srv: TestServer;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await srv.close();
});

type Seen = { requestId: string; outcome: 'answered' | 'cancelled' | null; interpreter: string | null };

it('answers or cancels every request, and records each one as it happened', async () => {
  const declinedOnce = new Set<string>();
  const declines: Array<{ requestId: string; interpreter: string }> = [];

  for (let i = 0; i < 5; i++) {
    const name = `interpreter-${i}`;
    const s = await connectClient(srv, interpreterAuth(name, i % 2 ? 'male' : 'female'));
    sockets.push(s);
    s.on('call:offer', (offer) => {
      if (i === 0 && !declinedOnce.has(offer.requestId) && declinedOnce.size < 3) {
        declinedOnce.add(offer.requestId);
        declines.push({ requestId: offer.requestId, interpreter: name });
        void emitRaw(s, 'call:decline', { requestId: offer.requestId });
      } else void emitRaw(s, 'call:accept', { requestId: offer.requestId });
    });
    // The kiosk would start WebRTC here; the interpreter talks a moment and hangs up.
    s.on('call:start', (start) =>
      setTimeout(() => void emitRaw(s, 'call:end', { callId: start.callId }), 20),
    );
    s.on('presence:changed', (p) => {
      if (p.status === 'wrap-up') void emitRaw(s, 'presence:set', { status: 'available' });
    });
    await emitRaw(s, 'presence:set', { status: 'available' });
  }

  const seen: Seen[] = [];
  const done = new Promise<void>((resolve) => {
    const check = () => {
      if (seen.length === 20 && seen.every((r) => r.outcome !== null)) resolve();
    };
    for (let k = 0; k < 20; k++) {
      void (async () => {
        const s = await connectClient(srv, kioskAuth(`kiosk-${k}`, { office: 'Jeddah', counter: String(k) }));
        sockets.push(s);
        const ack = (await emitRaw(s, 'call:request', { gender: 'any' })) as {
          ok: boolean;
          requestId: string;
        };
        expect(ack.ok).toBe(true);
        const entry: Seen = { requestId: ack.requestId, outcome: null, interpreter: null };
        seen.push(entry);
        s.on('call:start', (start) => {
          entry.outcome = 'answered';
          entry.interpreter = start.peerName;
          check();
        });
        if (k % 7 === 3) {
          const cancelled = (await emitRaw(s, 'call:cancel', { requestId: ack.requestId })) as {
            ok: boolean;
          };
          if (cancelled.ok) entry.outcome = 'cancelled';
        }
        check();
      })();
    }
  });
  await done;

  // Let the last hang-ups reach the server, then read the file as an operator would.
  await expect.poll(() => routing(srv.server).calls, { timeout: 5000 }).toBe(0);
  const db = new Database(srv.server.store.raw!.name, { readonly: true });
  const rows = db.prepare('SELECT * FROM call_requests').all() as Array<
    Record<string, string | number | null>
  >;
  const offers = db.prepare('SELECT * FROM offers').all() as Array<Record<string, string | number | null>>;
  db.close();

  expect(rows).toHaveLength(20);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of seen) {
    const row = byId.get(r.requestId);
    expect(row, r.requestId).toBeDefined();
    expect(row!.outcome).toBe(r.outcome);
    expect(row!.office).toBe('Jeddah');
    if (r.outcome === 'answered') {
      expect(row!.interpreter_name).toBe(r.interpreter);
      expect(Number(row!.answered_at)).toBeGreaterThanOrEqual(Number(row!.requested_at));
      expect(Number(row!.ended_at)).toBeGreaterThanOrEqual(Number(row!.answered_at));
      expect(row!.end_reason).toBe('hangup');
      const accepted = offers.filter((o) => o.request_id === r.requestId && o.outcome === 'accepted');
      expect(accepted).toEqual([expect.objectContaining({ interpreter_name: r.interpreter })]);
    } else {
      expect(row!.answered_at).toBeNull();
    }
  }
  const cancelled = seen.filter((r) => r.outcome === 'cancelled').length;
  expect(seen.filter((r) => r.outcome === 'answered')).toHaveLength(20 - cancelled);
  for (const d of declines) {
    expect(offers).toContainEqual(
      expect.objectContaining({
        request_id: d.requestId,
        interpreter_name: d.interpreter,
        outcome: 'declined',
      }),
    );
  }
  // No offer was left open.
  expect(offers.filter((o) => o.outcome === null)).toEqual([]);

  const stats = (await (
    await fetch(`${srv.url}/api/stats`, {
      headers: { cookie: await srv.cookieFor({ kind: 'supervisor', name: 'Supervisor' }) },
    })
  ).json()) as Record<string, number>;
  expect(stats).toMatchObject({
    requests: 20,
    answered: 20 - cancelled,
    cancelled,
    queueLength: 0,
    interpretersAvailable: 5,
  });
  expect(stats.averageSpeedOfAnswerS).toBeGreaterThanOrEqual(0);
  expect(stats.meanCallLengthS).toBeGreaterThanOrEqual(0);
});
