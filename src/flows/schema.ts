/**
 * The schema of a service flow definition (assets/flows/*.json). Definitions are data: the one engine
 * (engine.ts) walks any of them. Pure module, shared by the apps and the server.
 */
import * as v from 'valibot';
import { PICTOGRAM_IDS } from '../pictograms/catalog.ts';
import { SkillsSchema } from '../protocol/schemas.ts';

const SlugSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lower-case slug'));
/** One short plain sentence, in Arabic (the source) and English. */
export const TextSchema = v.strictObject({
  ar: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
  en: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
});
export type LocalText = v.InferOutput<typeof TextSchema>;
const PictogramRef = v.picklist(PICTOGRAM_IDS, 'must be a pictogram id from src/pictograms/catalog.ts');

const AnswerSchema = v.strictObject({
  id: SlugSchema,
  label: TextSchema,
  pictogram: PictogramRef,
  /** The next step's id, or null when this answer completes the flow. */
  next: v.nullable(SlugSchema),
  /** What to have ready because of this answer (added to the flow's own checklist). */
  checklist: v.optional(v.array(TextSchema)),
});

const StepSchema = v.strictObject({
  id: SlugSchema,
  pictogram: PictogramRef,
  text: TextSchema,
  answers: v.pipe(v.array(AnswerSchema), v.minLength(2), v.maxLength(6)),
});

export const FlowSchema = v.strictObject({
  id: SlugSchema,
  title: TextSchema,
  pictogram: PictogramRef,
  start: SlugSchema,
  steps: v.pipe(v.array(StepSchema), v.minLength(1), v.maxLength(12)),
  checklist: v.array(TextSchema),
  /**
   * What the interpreter must be qualified for in this service (a specialty such as `legal`). Absent:
   * nothing special. An office may choose otherwise for itself (its routing settings).
   */
  skills: v.optional(SkillsSchema),
});
export type FlowDefinition = v.InferOutput<typeof FlowSchema>;
export type FlowStep = FlowDefinition['steps'][number];
export type FlowAnswer = FlowStep['answers'][number];
