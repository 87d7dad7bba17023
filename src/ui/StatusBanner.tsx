import type { ComponentChildren } from 'preact';

/** The one place a page states what is happening: always visible, announced politely to screen readers. */
export function StatusBanner(props: {
  tone?: 'ok' | 'bad' | 'info';
  icon?: string | undefined;
  testId?: string;
  state?: string;
  children: ComponentChildren;
}) {
  return (
    <div
      class="banner"
      role="status"
      data-tone={props.tone ?? 'info'}
      data-testid={props.testId}
      data-state={props.state}
    >
      {props.icon ? <img src={props.icon} alt="" /> : null}
      <span>{props.children}</span>
    </div>
  );
}
