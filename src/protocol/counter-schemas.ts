/**
 * Schemas of the counter session's events: pairing a clerk console with a kiosk, the session itself,
 * and what travels in it (text, pictograms, the request card). Nothing of it is stored.
 */
import * as v from 'valibot';
import { stripInvisible, text } from './schemas.ts';

/** The longest chat line, in characters; the kiosk and the consoles say so before it is reached. */
export const MAX_CHAT_CHARS = 500;
/** How many pictograms one message may carry. */
export const MAX_PICTOGRAMS_PER_MESSAGE = 6;

const Slug = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lower-case slug'));

export const PairSchema = v.strictObject({
  /** The code the kiosk shows, or its configured kiosk id. */
  code: v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(40)),
});
export const EmptySchema = v.strictObject({});
export const SESSION_END_REASONS = ['done', 'idle', 'away'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];
export const SessionEndSchema = v.strictObject({ reason: v.picklist(SESSION_END_REASONS) });

export const ChatSendSchema = v.strictObject({ text: text(MAX_CHAT_CHARS) });
/** Real-time text: what the sender is typing now (empty when they cleared or sent it). */
export const ChatDraftSchema = v.strictObject({
  text: v.pipe(
    v.string(),
    v.maxLength(MAX_CHAT_CHARS, `must be at most ${MAX_CHAT_CHARS} characters`),
    v.transform(stripInvisible),
  ),
});
/**
 * A pictogram message. The protocol knows the shape of an id, not the board: the server passes its
 * board's ids in (`pictogramSendSchema(PICTOGRAM_IDS)` through `clientEvents`), so src/protocol imports
 * nothing from src/pictograms.
 */
export const pictogramSendSchema = (ids: readonly string[] | null) =>
  v.strictObject({
    ids: v.pipe(
      v.array(ids ? v.picklist(ids, 'must be a pictogram id of the board') : Slug),
      v.minLength(1),
      v.maxLength(MAX_PICTOGRAMS_PER_MESSAGE),
    ),
  });
/** The shape alone (any slug); what the server checks is `clientEvents(...)`'s, with its board. */
export const PictogramSendSchema = pictogramSendSchema(null);
export const RequestCardSchema = v.strictObject({
  flow: Slug,
  answers: v.pipe(v.array(v.strictObject({ step: Slug, choice: Slug })), v.maxLength(12)),
});
/** A citizen's answers to one service flow, as the kiosk shares them. */
export type RequestCard = v.InferOutput<typeof RequestCardSchema>;
export const CardSendSchema = v.strictObject({ card: RequestCardSchema });
