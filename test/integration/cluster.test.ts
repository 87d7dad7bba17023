/**
 * Several nodes on Redis and PostgreSQL (real ones, started here): a kiosk, an interpreter and a
 * clerk on three different nodes make one counter session and one call; the leader is killed with
 * SIGKILL mid-call and a waiting request keeps its place and preferences; a node with a kiosk on it
 * is killed and the kiosk's page takes its place back on another node; Redis goes away for 10 s and
 * comes back, and so does PostgreSQL. Records are checked in PostgreSQL: nothing acknowledged lost,
 * nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provisioned, Who } from '../helpers/accounts.ts';
import { startCluster, type Cluster } from '../helpers/cluster.ts';
import {
  clerkAuth,
  connectWithCookie,
  emitRaw,
  interpreterAuth,
  kioskAuth,
  nextEvent,
  type TestSocket,
} from '../helpers/clients.ts';

let cluster: Cluster;
const sockets: TestSocket[] = [];
let accounts: Map<string, Provisioned>;

const WHO: Record<string, Who> = {
  kiosk1: kioskAuth('Counter 1', { office: 'Riyadh', counter: '1' }),
  kiosk2: kioskAuth('Counter 2', { office: 'Riyadh', counter: '2' }),
  kiosk3: kioskAuth('Counter 3', { office: 'Riyadh', counter: '3' }),
  huda: interpreterAuth('Huda', 'female'),
  omar: interpreterAuth('Omar', 'male'),
  layla: interpreterAuth('Layla', 'female'),
  sara: clerkAuth('Sara', { office: 'Riyadh' }),
};

beforeAll(async () => {
  cluster = await startCluster({ nodes: 3, env: { WRAP_UP_MS: '0', RING_TIMEOUT_MS: '4000' } });
  const made = await cluster.provision(Object.values(WHO));
  accounts = new Map(Object.keys(WHO).map((k, i) => [k, made[i]!]));
  await cluster.leader();
}, 90_000);
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await cluster?.stop();
}, 60_000);

const url = (i: number) => cluster.nodes[i]!.url;
async function connect(who: string, node: number) {
  const connected = await connectWithCookie(url(node), accounts.get(who)!.cookie);
  sockets.push(connected.socket);
  return connected;
}
const others = (leader: number) => [0, 1, 2].filter((i) => i !== leader);

describe('a cluster of three nodes', () => {
  let callId = '';
  let kiosk: TestSocket;
  let interpreter: TestSocket;

  it('makes one session and one call of a kiosk, an interpreter and a clerk on three nodes', async () => {
    // The clerk on the leader, the call's members on the two others (the next part kills the leader).
    const leader = await cluster.leader();
    const [a, b] = others(leader);
    const k = await connect('kiosk1', a!);
    kiosk = k.socket;
    interpreter = (await connect('huda', b!)).socket;
    const clerk = (await connect('sara', leader)).socket;
    const { pairingCode } = await k.state;
    expect(await emitRaw(clerk, 'session:pair', { code: pairingCode })).toMatchObject({ ok: true });
    expect(await emitRaw(kiosk, 'session:start', {})).toMatchObject({ ok: true });
    expect(await emitRaw(interpreter, 'presence:set', { status: 'available' })).toMatchObject({ ok: true });
    const offered = nextEvent(interpreter, 'call:offer');
    const asked = (await emitRaw(kiosk, 'call:request', { gender: 'female' })) as { requestId: string };
    const { requestId } = await offered;
    expect(requestId).toBe(asked.requestId);
    const started = [nextEvent(kiosk, 'call:start'), nextEvent(interpreter, 'call:start')];
    callId = ((await emitRaw(interpreter, 'call:accept', { requestId })) as { callId: string }).callId;
    const [forKiosk, forInterpreter] = await Promise.all(started);
    expect(forKiosk).toMatchObject({ callId, initiator: true, peerName: 'Huda' });
    expect(forInterpreter).toMatchObject({ callId, initiator: false });
    const relayed = nextEvent(interpreter, 'call:signal');
    await emitRaw(kiosk, 'call:signal', { callId, data: { type: 'renegotiate', renegotiate: true } });
    expect(await relayed).toMatchObject({ callId });
    // The clerk on the third node sees the citizen's words and pictograms.
    const line = nextEvent(clerk, 'chat:message');
    await emitRaw(kiosk, 'chat:send', { text: 'مرحبا' });
    expect(await line).toMatchObject({ text: 'مرحبا', from: 'kiosk' });
    const board = nextEvent(clerk, 'pictogram:shown');
    await emitRaw(kiosk, 'pictogram:send', { ids: ['yes'] });
    expect(await board).toMatchObject({ ids: ['yes'] });
  }, 30_000);

  it('goes on when the leader is killed: the call, a waiting request and its place, the records', async () => {
    const leader = await cluster.leader();
    const waitingNode = others(leader)[0]!;
    const waiting = (await connect('kiosk2', waitingNode)).socket;
    const asked = (await emitRaw(waiting, 'call:request', { gender: 'male' })) as {
      ok: boolean;
      requestId: string;
      position: number;
    };
    expect(asked).toMatchObject({ ok: true, position: 1 });
    await cluster.kill(leader);
    const next = await cluster.leader();
    expect(next).not.toBe(leader);
    // The call goes on: a signal still reaches the interpreter, through the new leader.
    const relayed = nextEvent(interpreter, 'call:signal');
    expect(
      await emitRaw(kiosk, 'call:signal', { callId, data: { type: 'renegotiate', renegotiate: true } }),
    ).toMatchObject({ ok: true });
    await relayed;
    // The waiting request is still there, with its preference: a man answers it.
    const omarNode = others(next).find((i) => cluster.nodes[i] !== null) ?? next;
    const omar = (await connect('omar', omarNode)).socket;
    const offered = nextEvent(omar, 'call:offer');
    await emitRaw(omar, 'presence:set', { status: 'available' });
    expect((await offered).requestId).toBe(asked.requestId);
    expect(await emitRaw(omar, 'call:accept', { requestId: asked.requestId })).toMatchObject({ ok: true });
    expect(await emitRaw(kiosk, 'call:end', { callId })).toMatchObject({ ok: true });
    // The records follow the journal (written behind it): the answer reaches PostgreSQL shortly.
    const read = () =>
      cluster.postgres.query<{ id: string; outcome: string | null; pref_gender: string }>(
        'SELECT id, outcome, pref_gender FROM call_requests ORDER BY requested_at',
      );
    await expect
      .poll(async () => (await read()).find((r) => r.id === asked.requestId)?.outcome)
      .toBe('answered');
    const rows = await read();
    expect(rows.map((r) => r.id).sort()).toEqual([...new Set(rows.map((r) => r.id))].sort());
    expect(rows.find((r) => r.id === asked.requestId)).toMatchObject({
      outcome: 'answered',
      pref_gender: 'male',
    });
    expect(rows).toHaveLength(2);
  }, 60_000);

  it('lets a page whose node died take its place back on another node (client:rebind)', async () => {
    const leader = await cluster.leader();
    const alive = [0, 1, 2].filter((i) => cluster.nodes[i] !== null);
    const doomed = alive.find((i) => i !== leader)!;
    const k = await connect('kiosk3', doomed);
    const layla = (await connect('layla', leader)).socket;
    const asked = (await emitRaw(k.socket, 'call:request', { gender: 'female' })) as { requestId: string };
    const previousId = k.socket.id!;
    await cluster.kill(doomed);
    // The page comes back on the leader's node (the only one left) and names its old connection.
    const back = (await connect('kiosk3', leader)).socket;
    expect(await emitRaw(back, 'client:rebind', { previousId })).toEqual({ ok: true, rebound: true });
    // Its request kept its place: the interpreter is offered it, and the call starts on the new socket.
    const offered = nextEvent(layla, 'call:offer');
    const started = nextEvent(back, 'call:start');
    await emitRaw(layla, 'presence:set', { status: 'available' });
    expect((await offered).requestId).toBe(asked.requestId);
    await emitRaw(layla, 'call:accept', { requestId: asked.requestId });
    expect(await started).toMatchObject({ requestId: asked.requestId });
  }, 60_000);

  it('survives Redis stopping for 10 s, and serves again by itself when it is back', async () => {
    const leader = await cluster.leader();
    const node = cluster.nodes[leader]!;
    await cluster.redis.stop();
    await new Promise((r) => setTimeout(r, 10_000));
    const during = await fetch(`${node.url}/healthz`);
    expect(await during.json()).toMatchObject({ status: 'degraded' });
    await cluster.redis.start();
    await expect
      .poll(async () => ((await (await fetch(`${node.url}/healthz`)).json()) as { status: string }).status, {
        timeout: 15_000,
      })
      .toBe('ok');
    // Every node still runs, and a new request is taken.
    const alive = cluster.nodes.filter((n) => n !== null);
    for (const n of alive) expect((await fetch(`${n.url}/healthz`)).status).toBe(200);
    const again = (await connect('kiosk2', cluster.nodes.indexOf(alive[0]!))).socket;
    expect(await emitRaw(again, 'call:request', { gender: 'any' })).toMatchObject({ ok: true });
  }, 60_000);

  it('survives PostgreSQL stopping for a while: requests are taken, and their records written once, by the next leader too', async () => {
    // Two nodes again (two died above), so that the leader can die while PostgreSQL is away.
    await cluster.revive();
    const leader = await cluster.leader();
    const node = cluster.nodes[leader]!;
    const stays = others(leader)[0]!;
    const kiosk = (await connect('kiosk1', stays)).socket;
    await cluster.postgres.halt();
    await expect
      .poll(async () => ((await (await fetch(`${node.url}/healthz`)).json()) as { status: string }).status, {
        timeout: 10_000,
      })
      .toBe('degraded');
    // The request is taken: it is journaled in Redis, and its record waits for the database.
    const asked = (await emitRaw(kiosk, 'call:request', { gender: 'any' })) as {
      ok: boolean;
      requestId: string;
    };
    expect(asked).toMatchObject({ ok: true });
    // The leader dies with the record unwritten; the next one writes it once PostgreSQL is back.
    await cluster.kill(leader);
    const next = await cluster.leader();
    expect(next).not.toBe(leader);
    await new Promise((r) => setTimeout(r, 3000));
    await cluster.postgres.start();
    const row = () =>
      cluster.postgres.query<{ id: string; outcome: string | null }>(
        'SELECT id, outcome FROM call_requests WHERE id = $1',
        [asked.requestId],
      );
    await expect.poll(async () => (await row()).length, { timeout: 30_000 }).toBe(1);
    expect((await row())[0]).toMatchObject({ outcome: null });
    // The fence's mark moved past it: a later leader would not write it again.
    const [fence] = await cluster.postgres.query<{ journal: string }>('SELECT journal FROM leader_fence');
    expect(fence!.journal).toMatch(/^\d+-\d+$/);
    // Degraded clears once the errors of the outage are older than its window.
    const nextNode = cluster.nodes[next]!;
    await expect
      .poll(
        async () => ((await (await fetch(`${nextNode.url}/healthz`)).json()) as { status: string }).status,
        {
          timeout: 30_000,
        },
      )
      .toBe('ok');
    for (const n of cluster.nodes.filter((x) => x !== null))
      expect((await fetch(`${n.url}/healthz`)).status).toBe(200);
    // The request is still the kiosk's: withdrawing it is recorded too.
    expect(await emitRaw(kiosk, 'call:cancel', { requestId: asked.requestId })).toMatchObject({ ok: true });
    await expect.poll(async () => (await row())[0]?.outcome, { timeout: 10_000 }).toBe('cancelled');
  }, 120_000);
});
