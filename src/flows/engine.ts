/**
 * The flow engine: walks a flow definition one answer at a time, back and start over, and turns the
 * answers into a request card. Pure functions over plain values, so the kiosk keeps the walk in a
 * signal and the server can check a card it is sent.
 */
import * as v from 'valibot';
import { FlowSchema, type FlowDefinition, type FlowStep, type LocalText } from './schema.ts';
import type { RequestCard } from '../protocol/counter-schemas.ts';

export interface FlowAnswerRef {
  step: string;
  choice: string;
}

/** Where a citizen is in a flow: the answers so far, and the step on screen (null once done). */
export interface FlowWalk {
  flowId: string;
  answers: FlowAnswerRef[];
  stepId: string | null;
}

/** What a request card carries over the wire (ids only; every screen renders it from the definitions). */
export type { RequestCard };

export interface CardView {
  title: LocalText;
  pictogram: string;
  rows: { question: LocalText; answer: LocalText; pictogram: string }[];
  checklist: LocalText[];
}

/** Parse and check a definition: the schema, and that its steps form a path that always ends. */
export function loadFlow(raw: unknown): FlowDefinition {
  const parsed = v.safeParse(FlowSchema, raw);
  if (!parsed.success) {
    const where = parsed.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`).join('; ');
    throw new Error(`invalid flow definition: ${where}`);
  }
  const flow = parsed.output;
  const ids = new Set(flow.steps.map((s) => s.id));
  if (ids.size !== flow.steps.length) throw new Error(`flow ${flow.id}: duplicate step ids`);
  if (!ids.has(flow.start)) throw new Error(`flow ${flow.id}: start "${flow.start}" is not a step`);
  for (const step of flow.steps) {
    if (new Set(step.answers.map((a) => a.id)).size !== step.answers.length)
      throw new Error(`flow ${flow.id}: step ${step.id} has duplicate answer ids`);
    for (const a of step.answers)
      if (a.next !== null && !ids.has(a.next))
        throw new Error(`flow ${flow.id}: ${step.id}/${a.id} goes to unknown step "${a.next}"`);
  }
  const reached = new Set<string>();
  const visit = (id: string, path: string[]) => {
    if (path.includes(id)) throw new Error(`flow ${flow.id}: loop through ${[...path, id].join(' → ')}`);
    reached.add(id);
    for (const a of stepOf(flow, id).answers) if (a.next) visit(a.next, [...path, id]);
  };
  visit(flow.start, []);
  const unreachable = flow.steps.filter((s) => !reached.has(s.id)).map((s) => s.id);
  if (unreachable.length) throw new Error(`flow ${flow.id}: unreachable steps ${unreachable.join(', ')}`);
  return flow;
}

export function stepOf(flow: FlowDefinition, stepId: string): FlowStep {
  const step = flow.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`flow ${flow.id} has no step ${stepId}`);
  return step;
}

/** A yes/no step (its answers are exactly yes and no) can also be answered by a held thumb. */
export const isYesNo = (step: FlowStep): boolean =>
  step.answers.length === 2 && step.answers[0]?.id === 'yes' && step.answers[1]?.id === 'no';

export const startWalk = (flow: FlowDefinition): FlowWalk => ({
  flowId: flow.id,
  answers: [],
  stepId: flow.start,
});

export function answer(flow: FlowDefinition, walk: FlowWalk, choice: string): FlowWalk {
  if (walk.stepId === null) return walk;
  const chosen = stepOf(flow, walk.stepId).answers.find((a) => a.id === choice);
  if (!chosen) throw new Error(`step ${walk.stepId} has no answer ${choice}`);
  return {
    flowId: walk.flowId,
    answers: [...walk.answers, { step: walk.stepId, choice }],
    stepId: chosen.next,
  };
}

/** One step back: the last answer is taken back and its question asked again. */
export function back(walk: FlowWalk): FlowWalk {
  const last = walk.answers.at(-1);
  if (!last) return walk;
  return { flowId: walk.flowId, answers: walk.answers.slice(0, -1), stepId: last.step };
}

export const cardOf = (walk: FlowWalk): RequestCard | null =>
  walk.stepId === null ? { flow: walk.flowId, answers: walk.answers } : null;

/**
 * Replays a card's answers on its flow: a card is valid only if they are exactly a complete walk.
 * Returns the card's view, or null for a card that is not (a forged or stale one).
 */
export function viewCard(flows: ReadonlyMap<string, FlowDefinition>, card: RequestCard): CardView | null {
  const flow = flows.get(card.flow);
  if (!flow) return null;
  let stepId: string | null = flow.start;
  const rows: CardView['rows'] = [];
  const checklist = [...flow.checklist];
  for (const ref of card.answers) {
    if (stepId === null || ref.step !== stepId) return null;
    const step = stepOf(flow, stepId);
    const chosen = step.answers.find((a) => a.id === ref.choice);
    if (!chosen) return null;
    rows.push({ question: step.text, answer: chosen.label, pictogram: chosen.pictogram });
    checklist.push(...(chosen.checklist ?? []));
    stepId = chosen.next;
  }
  if (stepId !== null) return null;
  return { title: flow.title, pictogram: flow.pictogram, rows, checklist };
}
