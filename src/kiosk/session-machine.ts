/** The kiosk's counter session: one citizen, from the first touch (or the clerk's start) to the wipe. */
import type { Machine } from '../util/machine.ts';

export type KioskSessionState = 'welcome' | 'active' | 'ending';
export type KioskSessionEvent = 'start' | 'end' | 'wiped';

export const KIOSK_SESSION_TABLE: Machine<KioskSessionState, KioskSessionEvent> = {
  welcome: { start: 'active' },
  active: { end: 'ending' },
  // `ending` wipes everything of the citizen; only then is the welcome screen shown again.
  ending: { wiped: 'welcome' },
};
