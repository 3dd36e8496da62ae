interface Props {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  /** How the current value reads to people ("19 px", "68 characters"). */
  valueText: string;
  onChange(value: number): void;
}

/** A labelled slider that shows its value and announces it in words. */
export function RangeField({ id, label, min, max, step, value, valueText, onChange }: Props) {
  return (
    <div class="reader-range">
      <label for={id}>{label}</label>
      <output for={id}>{valueText}</output>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-valuetext={valueText}
        onInput={(event) => onChange(Number(event.currentTarget.value))}
      />
    </div>
  );
}
