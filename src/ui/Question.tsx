/** A yes/no question in words with two big answers (no timeout, no sound). */
export function Question(props: {
  id: string;
  testId: string;
  question: string;
  yes: string;
  no: string;
  onAnswer: (yes: boolean) => void;
}) {
  return (
    <div class="question" role="group" aria-labelledby={props.id} data-testid={props.testId}>
      <p id={props.id}>{props.question}</p>
      <div class="controls">
        <button type="button" class="btn btn-primary" onClick={() => props.onAnswer(true)}>
          {props.yes}
        </button>
        <button type="button" class="btn" onClick={() => props.onAnswer(false)}>
          {props.no}
        </button>
      </div>
    </div>
  );
}
