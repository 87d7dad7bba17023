import { speakingIconUrl } from '../pictograms/images.ts';

/**
 * "Someone is speaking", for the eyes: a pictogram and the words while there is sound (never sound,
 * never colour alone). It is not announced to screen readers (it changes with every syllable); its
 * pulse stops under prefers-reduced-motion.
 */
export function SpeakingCue(props: { speaking: boolean; label: string; testId: string }) {
  return (
    <div class="speaking-cue" data-testid={props.testId} data-speaking={String(props.speaking)}>
      {props.speaking ? (
        <>
          <img src={speakingIconUrl()} alt="" width={40} height={40} />
          <span>{props.label}</span>
        </>
      ) : null}
    </div>
  );
}
