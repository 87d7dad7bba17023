/**
 * Copies the pictograms the board uses from the pinned `openmoji` npm package into
 * assets/pictograms/openmoji/ (committed, so the kiosk builds offline without the 67 MB package).
 * Run it after changing src/pictograms/catalog.ts; test/unit/pictograms.test.ts checks the copies
 * are byte-identical to the package's.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OPENMOJI_FILES } from '../src/pictograms/catalog.ts';

const root = resolve(import.meta.dirname, '..');
export const OPENMOJI_SVG_DIR = join(root, 'node_modules/openmoji/color/svg');
export const PICTOGRAM_DIR = join(root, 'assets/pictograms/openmoji');

mkdirSync(PICTOGRAM_DIR, { recursive: true });
const wanted = new Set(OPENMOJI_FILES);
for (const file of readdirSync(PICTOGRAM_DIR))
  if (file.endsWith('.svg') && !wanted.has(file)) rmSync(join(PICTOGRAM_DIR, file));
for (const file of wanted) copyFileSync(join(OPENMOJI_SVG_DIR, file), join(PICTOGRAM_DIR, file));
console.log(`copied ${wanted.size} OpenMoji pictograms to ${PICTOGRAM_DIR}`);
