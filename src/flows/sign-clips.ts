/**
 * Sign-language clips for flow steps: `assets/sign-clips/<flow>.<step>.webm` (or .mp4). A step shows
 * its clip only when that file exists at build time; there are no placeholder clips.
 */
const CLIPS = import.meta.glob<string>('../../assets/sign-clips/*.{webm,mp4}', {
  eager: true,
  query: '?url',
  import: 'default',
});

export function signClipFor(flowId: string, stepId: string): string | null {
  const base = `../../assets/sign-clips/${flowId}.${stepId}`;
  return CLIPS[`${base}.webm`] ?? CLIPS[`${base}.mp4`] ?? null;
}
