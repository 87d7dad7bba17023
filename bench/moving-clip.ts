/**
 * The hard camera for `bench:media`: 10 s of test/fixtures/media/astronaut.png with continuous zoom
 * and pan (640×480, 30 fps, MJPEG for Chromium's fake camera), made with ffmpeg (Debian's `ffmpeg`)
 * once and kept in the temporary folder by its inputs' hash.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PICTURE = path.join(import.meta.dirname, '..', 'test', 'fixtures', 'media', 'astronaut.png');
const FILTER = [
  'scale=1280:960:force_original_aspect_ratio=increase',
  'crop=1280:960:(iw-1280)/2:0',
  // Zoom in and out every 3 s, pan sideways every 2.3 s and up and down every 3.7 s.
  "zoompan=z='1.15+0.12*sin(2*PI*on/90)':x='iw/2-(iw/zoom/2)+100*sin(2*PI*on/70)'" +
    ":y='(ih-ih/zoom)/4+60*cos(2*PI*on/110)':d=1:s=640x480:fps=30",
  'format=yuvj420p',
].join(',');

export function movingClip(): string {
  const hash = createHash('sha256').update(readFileSync(PICTURE)).update(FILTER).digest('hex').slice(0, 16);
  const dir = path.join(tmpdir(), 'ashir-clips');
  const file = path.join(dir, `moving-${hash}.mjpeg`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.mjpeg`;
  const made = spawnSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-loop',
      '1',
      '-framerate',
      '30',
      '-i',
      PICTURE,
      '-vf',
      FILTER,
      '-t',
      '10',
      '-q:v',
      '4',
      tmp,
    ],
    { encoding: 'utf8' },
  );
  if (made.error || made.status !== 0)
    throw new Error(
      `bench:media needs ffmpeg to make its moving clip (apt-get install ffmpeg): ${made.error?.message ?? made.stderr}`,
    );
  renameSync(tmp, file);
  return file;
}
