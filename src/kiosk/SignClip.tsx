import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';
import { signClipIconUrl } from '../pictograms/images.ts';
import { FullScreen } from '../ui/FullScreen.tsx';
import type { SignClips } from './sign-clips-store.ts';

/** The kiosk's sign clips (none outside the kiosk, or before they are loaded). */
export const SignClipsContext = createContext<SignClips | null>(null);

/** A clip's video: fetched when shown, muted (clips have no sound), played once with its controls. */
function ClipVideo(props: { url: string; label: string; testId: string }) {
  const t = useT();
  const clips = useContext(SignClipsContext);
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    clips
      ?.play(props.url)
      .then((u) => live && setSrc(u))
      .catch(() => live && setFailed(true));
    return () => void (live = false);
  }, [props.url]);
  if (failed)
    return (
      <p role="status" class="hint" data-testid={`${props.testId}-failed`}>
        {t('clips.playFailed')}
      </p>
    );
  return src ? (
    <video
      class="sign-clip"
      src={src}
      data-testid={props.testId}
      aria-label={props.label}
      controls
      muted
      autoplay
      playsinline
    />
  ) : (
    <p role="status" class="hint">
      {t('clips.loading')}
    </p>
  );
}

/** The play control: large, labelled, with the sign pictogram. */
function PlayButton(props: { onPress: () => void; testId: string; pressed?: boolean; label: string }) {
  const t = useT();
  return (
    <button
      type="button"
      class="btn sign-clip-btn"
      data-testid={props.testId}
      aria-label={props.label}
      {...(props.pressed === undefined ? {} : { 'aria-pressed': props.pressed })}
      onClick={props.onPress}
    >
      <img src={signClipIconUrl()} alt="" width={40} height={40} />
      <span aria-hidden="true">{t('clips.watch')}</span>
    </button>
  );
}

/**
 * A flow step's clip, in place above its answers: opened by its control, or by itself once when the
 * step opens if the office says so (muted, as autoplay must be).
 */
export function StepClip(props: { target: string; text: string }) {
  const t = useT();
  const clips = useContext(SignClipsContext);
  const url = clips?.urlFor(props.target) ?? null;
  const [open, setOpen] = useState(clips?.autoplay.value === true);
  useEffect(() => setOpen(clips?.autoplay.value === true), [props.target]);
  if (!url) return null;
  const label = t('clips.label', { text: props.text });
  return (
    <div class="step-clip">
      <PlayButton testId="step-clip-play" pressed={open} label={label} onPress={() => setOpen(!open)} />
      {open ? <ClipVideo key={url} url={url} label={label} testId="step-clip" /> : null}
    </div>
  );
}

/** An answer's or a pictogram's clip: its control opens it over the whole screen. */
export function ClipButton(props: { target: string; text: string; testId: string }) {
  const t = useT();
  const clips = useContext(SignClipsContext);
  const url = clips?.urlFor(props.target) ?? null;
  const [open, setOpen] = useState(false);
  if (!url) return null;
  const label = t('clips.label', { text: props.text });
  return (
    <>
      <PlayButton testId={props.testId} label={label} onPress={() => setOpen(true)} />
      {open ? (
        <FullScreen title={props.text} testId={`${props.testId}-view`} onClose={() => setOpen(false)}>
          <ClipVideo url={url} label={label} testId={`${props.testId}-video`} />
        </FullScreen>
      ) : null}
    </>
  );
}
