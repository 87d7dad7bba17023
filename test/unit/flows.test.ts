import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  answer,
  back,
  cardOf,
  isYesNo,
  loadFlow,
  startWalk,
  stepOf,
  viewCard,
  type FlowWalk,
} from '../../src/flows/engine.ts';
import { FLOWS, FLOWS_BY_ID, RAW_FLOWS } from '../../src/flows/definitions.ts';
import type { FlowDefinition } from '../../src/flows/schema.ts';

/** Every complete walk of a flow (depth first over every answer). */
function allWalks(flow: FlowDefinition): FlowWalk[] {
  const done: FlowWalk[] = [];
  const go = (walk: FlowWalk) => {
    if (walk.stepId === null) {
      done.push(walk);
      return;
    }
    for (const a of stepOf(flow, walk.stepId).answers) go(answer(flow, walk, a.id));
  };
  go(startWalk(flow));
  return done;
}

describe('service flows', () => {
  it('has one definition per JSON file, for the eleven services', () => {
    const files = readdirSync(resolve(import.meta.dirname, '../../assets/flows')).filter((f) =>
      f.endsWith('.json'),
    );
    expect(RAW_FLOWS).toHaveLength(files.length);
    expect(FLOWS.map((f) => f.id).sort()).toEqual(files.map((f) => f.replace('.json', '')).sort());
    expect(FLOWS).toHaveLength(11);
  });

  it.each(FLOWS.map((f) => [f.id, f] as const))('%s: every walk ends in a request card', (_, flow) => {
    const walks = allWalks(flow);
    expect(walks.length).toBeGreaterThan(1);
    for (const walk of walks) {
      const card = cardOf(walk);
      expect(card).not.toBeNull();
      const view = viewCard(FLOWS_BY_ID, card!);
      expect(view?.rows).toHaveLength(walk.answers.length);
      expect(view!.checklist.length).toBeGreaterThanOrEqual(flow.checklist.length);
    }
  });

  it('answers, goes back and starts over', () => {
    const flow = FLOWS_BY_ID.get('replace-lost')!;
    let walk = startWalk(flow);
    walk = answer(flow, walk, 'national-id');
    expect(walk.stepId).toBe('reported');
    walk = answer(flow, walk, 'no');
    expect(walk.stepId).toBe('photo');
    walk = back(walk);
    expect(walk).toEqual({
      flowId: 'replace-lost',
      answers: [{ step: 'document', choice: 'national-id' }],
      stepId: 'reported',
    });
    expect(back(back(walk))).toEqual(startWalk(flow));
    expect(() => answer(flow, walk, 'maybe')).toThrow(/no answer maybe/);
    expect(isYesNo(stepOf(flow, 'reported'))).toBe(true);
    expect(isYesNo(stepOf(flow, 'document'))).toBe(false);
  });

  it('adds the checklist of each chosen answer to the card', () => {
    const flow = FLOWS_BY_ID.get('replace-lost')!;
    let walk = startWalk(flow);
    for (const c of ['national-id', 'no', 'no', 'no']) walk = answer(flow, walk, c);
    const view = viewCard(FLOWS_BY_ID, cardOf(walk)!)!;
    expect(view.checklist.map((c) => c.en)).toEqual([
      ...flow.checklist.map((c) => c.en),
      'We record the loss report here first',
      'A photo taken at the office',
      'Pay the fee through SADAD before issue',
    ]);
  });

  it('rejects a card that is not a complete walk', () => {
    const ok = {
      flow: 'birth',
      answers: [
        { step: 'where', choice: 'inside' },
        { step: 'notice', choice: 'yes' },
        { step: 'who', choice: 'mother' },
      ],
    };
    expect(viewCard(FLOWS_BY_ID, ok)).not.toBeNull();
    expect(viewCard(FLOWS_BY_ID, { ...ok, answers: ok.answers.slice(0, 2) })).toBeNull();
    expect(viewCard(FLOWS_BY_ID, { ...ok, flow: 'nope' })).toBeNull();
    expect(viewCard(FLOWS_BY_ID, { ...ok, answers: [...ok.answers].reverse() })).toBeNull();
    expect(viewCard(FLOWS_BY_ID, { ...ok, answers: [{ step: 'where', choice: 'moon' }] })).toBeNull();
  });

  it('refuses broken definitions with a message that says where', () => {
    const good = structuredClone(RAW_FLOWS[0]) as FlowDefinition;
    const loop = structuredClone(good);
    loop.steps[1]!.answers[0]!.next = loop.start;
    expect(() => loadFlow(loop)).toThrow(/loop through/);
    const dangling = structuredClone(good);
    dangling.steps[0]!.answers[0]!.next = 'nowhere';
    expect(() => loadFlow(dangling)).toThrow(/unknown step "nowhere"/);
    const badPicto = structuredClone(good);
    badPicto.steps[0]!.pictogram = 'unicorn';
    expect(() => loadFlow(badPicto)).toThrow(/steps\.0\.pictogram/);
    expect(() => loadFlow({ ...good, extra: 1 })).toThrow(/invalid flow definition/);
  });
});
