/**
 * npm run models — makes the MediaPipe models the kiosk needs, offline, from npm packages (see
 * scripts/models/). Writes to assets/models/ (git-ignored; served at /models/), only the files whose
 * content changed, so running it again is cheap and changes nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildModels } from './models/build.ts';
import { sha256 } from './models/sources.ts';

const outDir = path.resolve(process.env.ASHIR_MODELS_DIR ?? 'assets/models');
mkdirSync(outDir, { recursive: true });
for (const [name, bytes] of Object.entries(buildModels())) {
  const file = path.join(outDir, name);
  const same = existsSync(file) && sha256(readFileSync(file)) === sha256(bytes);
  if (!same) writeFileSync(file, bytes);
  console.log(
    `${same ? 'unchanged' : 'written  '} ${path.relative(process.cwd(), file)} (${bytes.length} bytes, sha256 ${sha256(bytes)})`,
  );
}
