/**
 * What a sign clip can be for: every step of every service flow, every answer of a step, and every
 * pictogram of the board. A target's id is its kind and its place (`step:<flow>.<step>`,
 * `answer:<flow>.<step>.<answer>`, `pictogram:<id>`); the list is derived from the flows and the
 * catalog, so it is the same in the browser and on the server, which accepts only these ids. Pure.
 */
import { FLOWS } from '../flows/definitions.ts';
import { PICTOGRAMS } from '../pictograms/catalog.ts';

export type ClipTargetKind = 'step' | 'answer' | 'pictogram';

export interface ClipTarget {
  id: string;
  kind: ClipTargetKind;
  /** What is signed: the sentence or label, in Arabic (the source) and English. */
  text: { ar: string; en: string };
  pictogram: string;
  /** The flow it belongs to (steps and answers), for grouping. */
  flow: string | null;
}

export const stepTarget = (flow: string, step: string) => `step:${flow}.${step}`;
export const answerTarget = (flow: string, step: string, answer: string) =>
  `answer:${flow}.${step}.${answer}`;
export const pictogramTarget = (id: string) => `pictogram:${id}`;

function build(): ClipTarget[] {
  const list: ClipTarget[] = [];
  for (const flow of FLOWS)
    for (const step of flow.steps) {
      list.push({
        id: stepTarget(flow.id, step.id),
        kind: 'step',
        text: step.text,
        pictogram: step.pictogram,
        flow: flow.id,
      });
      for (const a of step.answers)
        list.push({
          id: answerTarget(flow.id, step.id, a.id),
          kind: 'answer',
          text: a.label,
          pictogram: a.pictogram,
          flow: flow.id,
        });
    }
  for (const p of PICTOGRAMS)
    list.push({
      id: pictogramTarget(p.id),
      kind: 'pictogram',
      text: { ar: p.ar, en: p.en },
      pictogram: p.id,
      flow: null,
    });
  return list;
}

export const CLIP_TARGETS: readonly ClipTarget[] = build();
export const CLIP_TARGETS_BY_ID: ReadonlyMap<string, ClipTarget> = new Map(
  CLIP_TARGETS.map((t) => [t.id, t]),
);
