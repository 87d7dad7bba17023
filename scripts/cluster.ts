/**
 * npm run cluster — a local cluster to try: Redis and PostgreSQL (Debian's packages, in temporary
 * folders), three server nodes and HAProxy in front on PORT (8080), all as child processes of this
 * one; Ctrl-C stops them all. Demo accounts are made in the cluster's database and printed once.
 * Kill a node (its pid is printed) and watch the pages carry on through the others.
 */
import { describeDemo, seedDemo } from '../signaling-server/auth/demo.ts';
import { Accounts } from '../signaling-server/store/accounts.ts';
import { openStore } from '../signaling-server/store/db.ts';
import { startCluster } from '../test/helpers/cluster.ts';

const port = Number(process.env.PORT ?? 8080);
const cluster = await startCluster({ nodes: 3, haproxy: true, port });
const store = await openStore(cluster.postgres.url);
const demo = await seedDemo(new Accounts(store.db), 'sdl');
await store.close();
const base = `http://localhost:${port}`;
if (demo) process.stderr.write(describeDemo(demo, base));
process.stderr.write(
  [
    `Ashir cluster: HAProxy ${base} in front of`,
    ...cluster.nodes.map((n, i) => `  node-${i}  ${n!.url}  pid ${n!.pid}`),
    `Redis ${cluster.redis.url}, PostgreSQL ${cluster.postgres.url}. Ctrl-C stops everything.`,
    '',
  ].join('\n'),
);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void cluster.stop().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
