/**
 * The office's service flows, in the order the kiosk lists them. Each is a JSON file in assets/flows/,
 * checked by loadFlow() when this module loads: a broken definition fails at start-up and in the unit
 * tests, never in front of a citizen.
 */
import appointment from '../../assets/flows/appointment.json' with { type: 'json' };
import bayanati from '../../assets/flows/bayanati.json' with { type: 'json' };
import birth from '../../assets/flows/birth.json' with { type: 'json' };
import death from '../../assets/flows/death.json' with { type: 'json' };
import familyRecord from '../../assets/flows/family-record.json' with { type: 'json' };
import nationalId from '../../assets/flows/national-id.json' with { type: 'json' };
import reportLost from '../../assets/flows/report-lost.json' with { type: 'json' };
import replaceLost from '../../assets/flows/replace-lost.json' with { type: 'json' };
import tahseen from '../../assets/flows/tahseen.json' with { type: 'json' };
import taqdeer from '../../assets/flows/taqdeer.json' with { type: 'json' };
import update from '../../assets/flows/update-data.json' with { type: 'json' };
import { loadFlow } from './engine.ts';
import type { FlowDefinition } from './schema.ts';

export const RAW_FLOWS: readonly unknown[] = [
  appointment,
  reportLost,
  replaceLost,
  taqdeer,
  tahseen,
  bayanati,
  nationalId,
  familyRecord,
  birth,
  death,
  update,
];

export const FLOWS: readonly FlowDefinition[] = RAW_FLOWS.map(loadFlow);
export const FLOWS_BY_ID: ReadonlyMap<string, FlowDefinition> = new Map(FLOWS.map((f) => [f.id, f]));
