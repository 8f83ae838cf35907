import { useId, useState } from 'react';
import { useT } from '../i18n/i18n';
import { StarIcon } from './Icons';

const VALUES = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5];

interface Props {
  value: number | null;
  onChange(value: number): void;
  disabled?: boolean;
  label: string;
}

/**
 * Half-star rating as a group of ten radio buttons: arrow keys move by half a star, the mouse
 * picks the left or right half of a star, and screen readers hear "3.5 stars".
 */
export function StarRating({ value, onChange, disabled, label }: Props) {
  const t = useT();
  const name = useId();
  const [hover, setHover] = useState<number | null>(null);
  const shown = hover ?? value ?? 0;
  return (
    <div
      className={`stars${disabled ? ' stars--disabled' : ''}`}
      role="radiogroup"
      aria-label={label}
      onMouseLeave={() => setHover(null)}
    >
      {[1, 2, 3, 4, 5].map((star) => {
        const fill = shown >= star ? 'full' : shown >= star - 0.5 ? 'half' : 'empty';
        return (
          <span key={star} className={`stars__star stars__star--${fill}`}>
            <StarIcon size={30} className="stars__bg" />
            <span className="stars__fg" aria-hidden="true">
              <StarIcon size={30} />
            </span>
            {VALUES.filter((v) => v > star - 1 && v <= star).map((v) => (
              <label
                key={v}
                className={`stars__hit stars__hit--${v === star ? 'right' : 'left'}`}
                onMouseEnter={() => !disabled && setHover(v)}
              >
                <input
                  type="radio"
                  name={name}
                  value={v}
                  checked={value === v}
                  disabled={disabled}
                  onChange={() => onChange(v)}
                  className="visually-hidden"
                />
                <span className="visually-hidden">{t('film.stars', { value: v })}</span>
              </label>
            ))}
          </span>
        );
      })}
    </div>
  );
}
