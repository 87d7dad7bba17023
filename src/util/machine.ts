/**
 * Every lifecycle in Ashir (interpreter presence, a request, a call, a counter's pairing and session on
 * the server; the kiosk's call and session in the browser) is a table `state × event → next state` and
 * this one function. A move the table does not have is refused (the caller answers `conflict`), never
 * thrown. No DOM and no Node: server and browsers share it.
 */
export type Machine<S extends string, E extends string> = {
  readonly [K in S]: Readonly<Partial<Record<E, S>>>;
};

/** The next state for `event` in `from` (logging `name: from -> to (event)`), or null when refused. */
export function next<S extends string, E extends string>(
  name: string,
  table: Machine<S, E>,
  from: S,
  event: E,
  log: (line: string) => void,
): S | null {
  const to = table[from][event];
  if (to === undefined) {
    log(`${name}: ${from} refuses ${event}`);
    return null;
  }
  if (to !== from) log(`${name}: ${from} -> ${to} (${event})`);
  return to;
}

/** Whether the table has a move for `event` in `from`. */
export function allows<S extends string, E extends string>(table: Machine<S, E>, from: S, event: E): boolean {
  return table[from][event] !== undefined;
}
