import { useEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';

/** A labelled video. The stream is attached as srcObject and detached when it changes or unmounts. */
export function VideoTile(props: {
  stream: MediaStream | null;
  label: string;
  testId: string;
  muted?: boolean;
  mirror?: boolean;
}) {
  const t = useT();
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = props.stream;
    return () => {
      video.srcObject = null;
    };
  }, [props.stream]);
  return (
    <figure class="tile" data-mirror={String(props.mirror ?? false)}>
      {props.stream ? (
        <video ref={ref} data-testid={props.testId} autoplay playsinline muted={props.muted ?? false} />
      ) : (
        <div class="empty">{t('video.waiting')}</div>
      )}
      <figcaption>{props.label}</figcaption>
    </figure>
  );
}
