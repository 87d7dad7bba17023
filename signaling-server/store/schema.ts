/**
 * The tables as the query builder sees them (kysely). Times are milliseconds since the epoch in
 * BIGINT columns (read back as numbers on both dialects: see db.ts). One type for SQLite and
 * PostgreSQL: the store's code is written once against it.
 */
import type { Generated } from 'kysely';

export interface CallRequestsTable {
  id: string;
  kiosk_name: string;
  office: string | null;
  counter: string | null;
  pref_gender: string;
  pref_language: string;
  /** The skills the service needed, comma-separated ('' for none). */
  skills: Generated<string>;
  flow: string | null;
  /** When the citizen let an interpreter without those skills take the call. */
  skills_relaxed_at: number | null;
  requested_at: number;
  answered_at: number | null;
  ended_at: number | null;
  interpreter_name: string | null;
  outcome: string | null;
  end_reason: string | null;
  fallback_at: number | null;
  requeued_from: string | null;
  q_fps_p50: number | null;
  q_fps_p5: number | null;
  q_height_p50: number | null;
  q_good_s: number | null;
  q_usable_s: number | null;
  q_poor_s: number | null;
  q_ice_restarts: number | null;
  q_relayed: number | null;
  rating_kiosk: number | null;
  rating_interpreter: number | null;
}

export interface OffersTable {
  id: Generated<number>;
  request_id: string;
  interpreter_name: string;
  offered_at: number;
  responded_at: number | null;
  outcome: string | null;
}

/** Each interpreter's part in a call: the first, and any who joined (a transfer, a teammate). */
export interface CallLegsTable {
  leg: string;
  request_id: string;
  interpreter_name: string;
  kind: 'first' | 'transfer' | 'team';
  reason: string | null;
  joined_at: number;
  left_at: number | null;
}

export interface OfficesTable {
  id: Generated<number>;
  name: string;
  target_within_s: number | null;
  target_share: number | null;
  /** The office's routing choices (OfficeRoutingSchema as JSON; '' for none). */
  routing: Generated<string>;
  /** 1: the office's kiosks play a step's sign clip once, muted, when the step opens. */
  clip_autoplay: Generated<number>;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  gender: string | null;
  languages: Generated<string>;
  skills: Generated<string>;
  office_id: number | null;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
}

export interface UserSessionsTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export interface KiosksTable {
  id: string;
  office_id: number;
  counter: string;
  name: string;
  enrollment_hash: string | null;
  enrollment_expires_at: number | null;
  credential_hash: string | null;
  enrolled_at: number | null;
  created_at: number;
  disabled_at: number | null;
  last_seen_at: number | null;
  /** The last self-test's checks (SelfTestResult[] as JSON; '' for none) and when it ran. */
  self_test: Generated<string>;
  self_test_at: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_id: string;
  actor_role: string;
  office: string | null;
  action: string;
  target: string;
}

/** The sign library (migration 6): one row per clip submitted or imported; the file is `<sha256>.webm`. */
export interface SignClipsTable {
  id: string;
  target: string;
  sign_language: string;
  sha256: string;
  bytes: number;
  duration_ms: number;
  interpreter_id: string | null;
  interpreter_name: string;
  licence: string;
  consented_at: number;
  created_at: number;
  status: string;
  reviewed_by: string | null;
  reviewer_name: string | null;
  reviewed_at: number | null;
  reason: string | null;
  source: string;
}

export interface Schema {
  sign_clips: SignClipsTable;
  call_requests: CallRequestsTable;
  offers: OffersTable;
  offices: OfficesTable;
  call_legs: CallLegsTable;
  users: UsersTable;
  user_sessions: UserSessionsTable;
  kiosks: KiosksTable;
  server_keys: { name: string; value: string };
  server_runs: { id: string; started_at: number };
  audit_log: AuditLogTable;
  ashir_migrations: { version: number; applied_at: number };
  /**
   * The cluster leader's fencing token (a record write by a node whose lease lapsed is refused) and
   * the last journal entry whose records are written ('' for none).
   */
  leader_fence: { id: number; token: number; journal: string };
}
