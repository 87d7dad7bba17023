/**
 * The call records and history the supervisor console reads, and the Prometheus metrics: filtered and
 * paged on the server, within the reader's office, CSV that parses (and cannot inject formulas), and
 * /metrics guarded by a token or loopback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectClient,
  emitRaw,
  interpreterAuth,
  kioskAuth,
  nextEvent,
  type TestSocket,
} from '../helpers/clients.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const servers: TestServer[] = [];
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function start(env: Record<string, string> = {}) {
  const srv = await startTestServer({ WRAP_UP_MS: '0', ...env });
  servers.push(srv);
  return srv;
}

/** One answered and ended call from a kiosk of `office`, and one request that is cancelled. */
async function traffic(srv: TestServer, office: string, kioskName: string) {
  const interpreter = await connectClient(srv, interpreterAuth(`Interp ${office}`));
  const kiosk = await connectClient(srv, kioskAuth(kioskName, { office }));
  sockets.push(interpreter, kiosk);
  await emitRaw(interpreter, 'presence:set', { status: 'available' });
  const offered = nextEvent(interpreter, 'call:offer');
  const started = nextEvent(kiosk, 'call:start');
  await emitRaw(kiosk, 'call:request', {});
  await emitRaw(interpreter, 'call:accept', { requestId: (await offered).requestId });
  const { callId } = await started;
  await emitRaw(kiosk, 'call:end', { callId });
  await emitRaw(interpreter, 'presence:set', { status: 'break' });
  const { requestId } = (await emitRaw(kiosk, 'call:request', {})) as { requestId: string };
  await emitRaw(kiosk, 'call:cancel', { requestId });
}

/** A small RFC 4180 reader, enough to check what the export writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) cell += c;
    else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
}

describe('call records', () => {
  it('are paged and filtered on the server, within the reader office, and export as CSV that parses', async () => {
    const srv = await start();
    await traffic(srv, 'Riyadh', '=HYPERLINK("x")');
    await traffic(srv, 'Jeddah', 'Jeddah 1');
    const sup = {
      headers: { cookie: await srv.cookieFor({ kind: 'supervisor', name: 'S', office: 'Riyadh' }) },
    };
    const admin = { headers: { cookie: await srv.cookieFor({ kind: 'admin', name: 'A' }) } };
    const get = async (path: string, as: typeof sup) =>
      (await fetch(`${srv.url}/api/admin${path}`, as)).json();
    expect(await get('/records', admin)).toMatchObject({ ok: true, total: 4, page: 0, pageSize: 25 });
    const mine = (await get('/records', sup)) as {
      total: number;
      rows: Array<{ office: string; outcome: string }>;
    };
    expect(mine.total).toBe(2);
    expect(mine.rows.every((r) => r.office === 'Riyadh')).toBe(true);
    expect(await get('/records?outcome=cancelled', sup)).toMatchObject({
      total: 1,
      rows: [{ outcome: 'cancelled' }],
    });
    expect(await get('/records?kiosk=Jeddah%201', sup)).toMatchObject({ total: 0 });
    for (const bad of ['?page=-1', '?from=yesterday', '?outcome=lost', '?kiosk=a&kiosk=b', '?extra=1'])
      expect(await get(`/records${bad}`, sup), bad).toMatchObject({ ok: false, code: 'bad_request' });

    const csv = await fetch(`${srv.url}/api/admin/records.csv`, sup);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(await csv.text());
    expect(rows[0]).toContain('requestedAt');
    expect(rows).toHaveLength(3);
    const kiosk = rows[0]!.indexOf('kiosk');
    // A name that starts like a formula is written as text, not run by a spreadsheet.
    expect(rows.slice(1).map((r) => r[kiosk])).toEqual(['\'=HYPERLINK("x")', '\'=HYPERLINK("x")']);
    expect((await fetch(`${srv.url}/api/admin/records.csv`)).status).toBe(401);
    const clerk = {
      headers: { cookie: await srv.cookieFor({ kind: 'clerk', name: 'C', office: 'Riyadh' }) },
    };
    expect((await fetch(`${srv.url}/api/admin/records`, clerk)).status).toBe(403);
  });

  it('give the history per hour over 7 or 30 days', async () => {
    const srv = await start();
    await traffic(srv, 'Riyadh', 'Counter 1');
    const sup = {
      headers: { cookie: await srv.cookieFor({ kind: 'supervisor', name: 'S', office: 'Riyadh' }) },
    };
    const history = (await (await fetch(`${srv.url}/api/admin/history?days=7`, sup)).json()) as Record<
      string,
      number[]
    >;
    expect(history.requests!.reduce((a, b) => a + b, 0)).toBe(2);
    expect(history.hours).toHaveLength(history.requests!.length);
    expect((await fetch(`${srv.url}/api/admin/history?days=9`, sup)).status).toBe(400);
  });
});

describe('/metrics', () => {
  it('is for loopback without a token, and needs the token when one is set', async () => {
    const open = await start();
    await traffic(open, 'Riyadh', 'Counter 1');
    const text = await (await fetch(`${open.url}/metrics`)).text();
    expect(text).toMatch(/ashir_sockets\{role="interpreter"\} 1/);
    expect(text).toMatch(/ashir_offers_total\{outcome="accepted"\} 1/);
    expect(text).toMatch(/ashir_requests_total 2/);
    const guarded = await start({ METRICS_TOKEN: 'a-long-metrics-token' });
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
    const wrong = { headers: { authorization: 'Bearer a-long-metrics-tokem' } };
    expect((await fetch(`${guarded.url}/metrics`, wrong)).status).toBe(401);
    const right = { headers: { authorization: 'Bearer a-long-metrics-token' } };
    expect(await (await fetch(`${guarded.url}/metrics`, right)).text()).toContain('ashir_queue_length 0');
    // Behind a proxy every client looks like loopback: without a token, nobody reads.
    const proxied = await start({ TRUST_PROXY: '1' });
    expect((await fetch(`${proxied.url}/metrics`)).status).toBe(403);
  });
});
