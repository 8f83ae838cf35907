import { useEffect, useId, useState } from 'react';
import { films } from '../../api';
import type { FilmDetails } from '../../api/types';
import { Notice } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';
import { useSubmission } from '../../lib/hooks';

const MAX_BYTES = 10 * 1024 * 1024;

/** Shows the poster, previews a chosen file before upload, uploads or removes it. */
export function PosterEditor({
  film,
  onChange,
}: {
  film: FilmDetails;
  onChange(posterUrl: string, generated: boolean): void;
}) {
  const { t } = useI18n();
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const submit = useSubmission();

  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const upload = () =>
    file &&
    void submit.run(async () => {
      setNotice(null);
      const { posterUrl } = await films.uploadPoster(film.id, file);
      onChange(posterUrl, false);
      setFile(null);
      setNotice(t('admin.posterUploaded'));
    });
  const remove = () =>
    void submit.run(async () => {
      setNotice(null);
      await films.removePoster(film.id);
      const fresh = await films.get(String(film.id));
      onChange(fresh.posterUrl, true);
      setNotice(t('admin.posterRemoved'));
    });

  return (
    <section className="panel poster-editor" aria-labelledby="poster-title">
      <h2 id="poster-title">{t('admin.sectionPoster')}</h2>
      <figure className="poster-editor__figure">
        <img
          src={preview ?? film.posterUrl}
          alt={preview ? t('admin.preview') : t('film.posterAlt', { title: film.title })}
          width={400}
          height={600}
        />
        {!preview && film.posterGenerated && (
          <figcaption className="muted small">{t('admin.generatedPoster')}</figcaption>
        )}
        {preview && <figcaption className="muted small">{t('admin.preview')}</figcaption>}
      </figure>
      <div className="field">
        <label htmlFor={inputId}>{t('admin.poster')}</label>
        <input
          id={inputId}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          aria-describedby={`${inputId}-hint`}
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setTooLarge(!!chosen && chosen.size > MAX_BYTES);
            setFile(chosen && chosen.size <= MAX_BYTES ? chosen : null);
          }}
        />
        <p className="field__hint" id={`${inputId}-hint`}>
          {t('admin.posterHint')}
        </p>
        {tooLarge && <p className="field__error">{t('admin.posterHint')}</p>}
        {submit.fields.poster && <p className="field__error">{submit.fields.poster}</p>}
      </div>
      <div className="form__actions">
        <button type="button" className="btn btn--primary" onClick={upload} disabled={!file || submit.busy}>
          {t('admin.uploadPoster')}
        </button>
        {!film.posterGenerated && (
          <button type="button" className="btn btn--ghost" onClick={remove} disabled={submit.busy}>
            {t('admin.removePoster')}
          </button>
        )}
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      {submit.error && !submit.fields.poster ? (
        <Notice kind="error">{errorMessage(t, submit.error)}</Notice>
      ) : null}
    </section>
  );
}
