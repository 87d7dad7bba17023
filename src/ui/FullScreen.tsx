import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useT } from '../i18n/i18n.ts';

/**
 * Something to show the clerk face to face (the card, a pictogram, written text) over the whole
 * screen, with one big button back. Focus moves to that button; Escape closes too.
 */
export function FullScreen(props: {
  title: string;
  testId: string;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const t = useT();
  const close = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => close.current?.focus(), []);
  return (
    <div
      class="fullscreen"
      role="dialog"
      aria-modal="true"
      aria-labelledby={`${props.testId}-h`}
      data-testid={props.testId}
      onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
    >
      <h2 id={`${props.testId}-h`}>{props.title}</h2>
      <div class="fullscreen-body">{props.children}</div>
      <button ref={close} type="button" class="btn btn-primary btn-big" onClick={props.onClose}>
        {t('kiosk.offline.back')}
      </button>
    </div>
  );
}
