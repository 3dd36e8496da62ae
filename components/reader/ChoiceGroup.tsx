/** One option of a ChoiceGroup. */
export interface Choice<T extends string> {
  value: T;
  label: string;
}

interface Props<T extends string> {
  /** Radio group name, also the `data-choice` hook reader.css uses to preview each option. */
  name: string;
  legend: string;
  choices: Choice<T>[];
  value: T;
  /** Id of a help text read with the group. */
  describedBy?: string;
  onChange(value: T): void;
}

/** A labelled group of radio buttons (arrow keys move between them, as the platform does). */
export function ChoiceGroup<T extends string>({
  name,
  legend,
  choices,
  value,
  describedBy,
  onChange,
}: Props<T>) {
  return (
    <fieldset class="reader-choices" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} class="reader-choice" data-choice={`${name}-${choice.value}`}>
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={choice.value === value}
            onChange={() => onChange(choice.value)}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
