/** The kiosk's counter session: one citizen, from the first touch (or the clerk's start) to the wipe. */
import type { TransitionTable } from '../util/transition.ts';

export type KioskSessionState = 'welcome' | 'active' | 'ending';

export const KIOSK_SESSION_TABLE: TransitionTable<KioskSessionState> = {
  welcome: ['active'],
  active: ['ending'],
  // `ending` wipes everything of the citizen; only then is the welcome screen shown again.
  ending: ['welcome'],
};
