/**
 * How the rest of the server reaches the routing core: `dispatch` an event, `view` the state (for
 * counts, the wallboard and metrics), `health`. In the embedded default it is the one local Driver;
 * in cluster mode it is a ClusterNode (cluster/node.ts), which runs the Driver only while it leads
 * and forwards to the leader otherwise.
 */
import type { Ack } from '../../src/protocol/index.ts';
import type { CoreState } from '../domain/types.ts';
import type { Dispatched, Driver } from '../shell/driver.ts';

export interface Health {
  status: 'ok' | 'degraded' | 'draining';
  errors: number;
  /** Cluster mode: this node, and whether it leads. */
  node?: string;
  leader?: boolean;
}

export interface Routing {
  dispatch(event: Dispatched): Ack<object> | undefined | Promise<Ack<object> | undefined>;
  /** The core's state: the leader's own; on a follower, the leader's last snapshot (a second or so old). */
  view(): CoreState;
  health(): Health;
  /** A failure outside the core (a socket listener, a process-level error): counted like one inside. */
  noteError(): void;
  /** This node is being stopped: /healthz says so, so the load balancer sends no new sockets. */
  drain(): void;
  dispose(): Promise<void>;
}

export function localRouting(driver: Driver): Routing {
  let draining = false;
  return {
    dispatch: (event) => driver.dispatch(event),
    view: () => driver.state,
    health: () => {
      const { degraded, errors } = driver.health();
      return { status: draining ? 'draining' : degraded ? 'degraded' : 'ok', errors };
    },
    noteError: () => driver.noteError(),
    drain: () => void (draining = true),
    dispose: async () => driver.dispose(),
  };
}
