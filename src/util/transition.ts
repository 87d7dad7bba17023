/**
 * Every lifecycle in Ashir (interpreter presence, the kiosk's call, later the counter session) is a
 * table of allowed moves and this one function. No DOM and no Node: server and browsers share it.
 */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

export function canTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return table[from].includes(to);
}

/** Returns `to` when the table allows it (logging `name: from -> to`), otherwise null. */
export function transition<S extends string>(
  name: string,
  table: TransitionTable<S>,
  from: S,
  to: S,
  log: (line: string) => void,
): S | null {
  if (!canTransition(table, from, to)) {
    log(`${name}: ${from} -> ${to} refused`);
    return null;
  }
  log(`${name}: ${from} -> ${to}`);
  return to;
}
