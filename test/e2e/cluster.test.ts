/**
 * Real pages on a real cluster (three nodes, Redis, PostgreSQL, HAProxy): a kiosk page on one node,
 * an interpreter page on another and the clerk console on a third make a counter session and a video
 * call; the leader is SIGKILLed mid-call and the video keeps flowing while the call is still theirs;
 * then, through HAProxy, the node a kiosk page is connected to is killed: the page comes back through
 * another node by itself (client:rebind), its call goes on, and it ends cleanly. No request leaves
 * the origin; the records in PostgreSQL are each there once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';
import { startCluster, type Cluster } from '../helpers/cluster.ts';
import { openClerk, pairClerk } from '../helpers/counter.ts';
import {
  expectRemoteVideoFlowing,
  foreignRequests,
  framesDecoded,
  goAvailable,
  kioskState,
  openInterpreter,
  openKiosk,
  openWelcomeKiosk,
  presence,
} from '../helpers/pages.ts';
import type { TestServer } from '../helpers/server.ts';

let cluster: Cluster;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  // No vision models, as on a fresh machine (the kiosk then runs no vision).
  const noModels = mkdtempSync(path.join(tmpdir(), 'ashir-no-models-'));
  cluster = await startCluster({
    nodes: 3,
    haproxy: true,
    env: { MODELS_DIR: noModels, WRAP_UP_MS: '0', RECOVERY_WINDOW_MS: '60000' },
  });
  browser = await launchChromium();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await cluster?.stop();
}, 60_000);

/** What the page helpers need of a server: its URL, and accounts made in the cluster's database. */
const at = (url: string) =>
  ({
    url,
    provision: async (who: Parameters<TestServer['provision']>[0]) => (await cluster.provision([who]))[0]!,
  }) as unknown as TestServer;
const node = (i: number) => at(cluster.nodes[i]!.url);
/** How many lines each node has logged so far. */
const logMarks = () => cluster.nodes.map((n) => n?.logs.length ?? 0);
/** The node a kiosk socket connected to since `marks` (from the nodes' own logs). */
function kioskNodeSince(marks: number[]): number {
  return cluster.nodes.findIndex((n, i) =>
    n?.logs.slice(marks[i]).some((l) => l.includes('"msg":"connected"') && l.includes('"role":"kiosk"')),
  );
}

describe('pages on a cluster', () => {
  it('make a session and a video call across three nodes, and keep it when the leader is killed', async () => {
    const leader = await cluster.leader();
    const [a, b] = [0, 1, 2].filter((i) => i !== leader);
    const interpreter = await openInterpreter(browser, node(b!), 'Huda');
    await goAvailable(interpreter);
    const kiosk = await openWelcomeKiosk(browser, node(a!), 'Counter 1');
    const clerk = await openClerk(browser, node(leader), 'Sara');
    pages.push(interpreter, kiosk, clerk);
    await pairClerk(clerk, kiosk);
    await kiosk.getByTestId('start-session').click();
    // The citizen's words and pictograms reach the clerk console on the third node.
    await kiosk.getByTestId('nav-chat').click();
    const keyboard = kiosk.getByTestId('keyboard');
    for (const letter of [...'مرحبا'])
      await keyboard.getByRole('button', { name: letter, exact: true }).click();
    await kiosk.getByTestId('composer-send').click();
    await expect.poll(() => clerk.getByTestId('clerk-feed').textContent()).toContain('مرحبا');
    await kiosk.getByTestId('nav-board').click();
    await kiosk.getByTestId('picto-fingerprint').click();
    await expect.poll(() => clerk.getByTestId('clerk-latest').textContent()).toContain('بصمة');
    await kiosk.getByTestId('nav-call').click();
    await kiosk.getByTestId('call-button').click();
    await interpreter.getByTestId('accept').click();
    await expect.poll(() => kioskState(kiosk), { timeout: 30_000 }).toBe('connected');
    await expectRemoteVideoFlowing(kiosk);
    await expectRemoteVideoFlowing(interpreter);

    await cluster.kill(leader);
    const before = await framesDecoded(kiosk);
    await expect.poll(() => framesDecoded(kiosk), { timeout: 10_000 }).toBeGreaterThan(before + 20);
    await cluster.leader();
    expect(await kioskState(kiosk)).toBe('connected');
    expect(await presence(interpreter)).toBe('in-call');
    // The call is still theirs: the interpreter ends it and the kiosk hears of it through the new leader.
    await interpreter.getByTestId('end-call').click();
    await expect.poll(() => kioskState(kiosk), { timeout: 15_000 }).not.toBe('connected');
    for (const p of [kiosk, interpreter]) expect(foreignRequests(p)).toEqual([]);
    // The records follow the journal (written behind it): the call's end reaches PostgreSQL shortly.
    const rows = () =>
      cluster.postgres.query<{ id: string; answered_at: string | null; ended_at: string | null }>(
        'SELECT id, answered_at, ended_at FROM call_requests',
      );
    await expect.poll(async () => (await rows())[0]?.ended_at ?? null).toEqual(expect.any(String));
    expect(await rows()).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ answered_at: expect.any(String) });
  }, 120_000);

  it('bring a kiosk page back through HAProxy when its node dies, with its call', async () => {
    for (const p of pages.splice(0)) await p.context().close();
    const viaProxy = at(cluster.haproxy!.url);
    const marks = logMarks();
    const kiosk = await openKiosk(browser, viaProxy, 'Counter 2');
    const kioskNode = kioskNodeSince(marks);
    expect(kioskNode).toBeGreaterThanOrEqual(0);
    // The interpreter on a node that stays (a page whose node dies is the kiosk's, here).
    const stays = cluster.nodes.findIndex((n, i) => n !== null && i !== kioskNode);
    const interpreter = await openInterpreter(browser, node(stays), 'Omar', 'male');
    await goAvailable(interpreter);
    pages.push(interpreter, kiosk);
    await kiosk.getByTestId('call-button').click();
    await interpreter.getByTestId('accept').click();
    await expect.poll(() => kioskState(kiosk), { timeout: 30_000 }).toBe('connected');
    await cluster.kill(kioskNode);
    // The page reconnects through HAProxy to a node still alive and takes its place back.
    await expect
      .poll(() => kiosk.getByTestId('connection').getAttribute('data-tone'), { timeout: 20_000 })
      .toBe('ok');
    await expectRemoteVideoFlowing(kiosk);
    expect(await kioskState(kiosk)).toBe('connected');
    await kiosk.getByTestId('end-call').click();
    await expect.poll(() => interpreter.getByTestId('remote-video').count(), { timeout: 15_000 }).toBe(0);
    expect(cluster.nodes.some((n) => n?.logs.some((l) => l.includes('"msg":"rebound"')))).toBe(true);
    for (const p of [kiosk, interpreter]) expect(foreignRequests(p)).toEqual([]);
  }, 120_000);
});
