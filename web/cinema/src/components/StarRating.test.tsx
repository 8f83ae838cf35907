// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { StarRating } from './StarRating';

afterEach(cleanup);

const renderStars = (value: number | null, onChange = vi.fn(), disabled = false) => {
  render(
    <I18nProvider lang="en">
      <StarRating value={value} onChange={onChange} disabled={disabled} label="Rate this film" />
    </I18nProvider>,
  );
  return onChange;
};

describe('StarRating', () => {
  it('offers ten half-star choices as one labelled radio group', () => {
    renderStars(null);
    const group = screen.getByRole('radiogroup', { name: 'Rate this film' });
    expect(group).toBeTruthy();
    const radios = screen.getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual([
      '0.5',
      '1',
      '1.5',
      '2',
      '2.5',
      '3',
      '3.5',
      '4',
      '4.5',
      '5',
    ]);
    expect(screen.getByLabelText('3.5 stars')).toBeTruthy();
  });

  it('reports the half step that was picked', () => {
    const onChange = renderStars(2);
    fireEvent.click(screen.getByLabelText('3.5 stars'));
    expect(onChange).toHaveBeenCalledWith(3.5);
  });

  it('shows the value as full and half stars and checks its radio', () => {
    const { container } = render(
      <I18nProvider lang="en">
        <StarRating value={2.5} onChange={() => undefined} label="Rate" />
      </I18nProvider>,
    );
    const fills = [...container.querySelectorAll('.stars__star')].map((s) =>
      s.className.replace('stars__star ', ''),
    );
    expect(fills).toEqual([
      'stars__star--full',
      'stars__star--full',
      'stars__star--half',
      'stars__star--empty',
      'stars__star--empty',
    ]);
    expect((screen.getByLabelText('2.5 stars') as HTMLInputElement).checked).toBe(true);
  });

  it('takes no input while disabled', () => {
    renderStars(1, vi.fn(), true);
    expect(screen.getAllByRole('radio').every((r) => (r as HTMLInputElement).disabled)).toBe(true);
  });
});
