import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, films } from '../../api';
import type { FilmDetails } from '../../api/types';
import { useAuth } from '../../auth/auth';
import { Field, TextArea } from '../../components/Field';
import { EmptyState, ErrorState, Loading, Notice } from '../../components/States';
import { useI18n } from '../../i18n/i18n';
import { errorMessage } from '../../lib/errors';
import { GENRES, genreName } from '../../lib/film';
import { useResource, useSubmission } from '../../lib/hooks';
import { changedInput, createInput, emptyForm, formOf, type FilmForm } from './film-form';
import { PosterEditor } from './PosterEditor';

function FilmFields({
  form,
  set,
  errors,
}: {
  form: FilmForm;
  set: <K extends keyof FilmForm>(key: K, value: FilmForm[K]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useI18n();
  const text = (key: keyof FilmForm) => ({
    name: key,
    value: form[key] as string,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
    error: errors[key],
  });
  return (
    <>
      <fieldset className="panel">
        <legend>{t('admin.sectionTitles')}</legend>
        <Field label={t('admin.title')} required maxLength={255} {...text('title')} />
        <div className="form__row">
          <Field label={t('admin.originalTitle')} maxLength={255} {...text('originalTitle')} />
          <Field label={t('admin.titleRu')} maxLength={255} lang="ru" {...text('titleRu')} />
        </div>
        <Field
          label={t('admin.slug')}
          hint={t('admin.slugHint')}
          maxLength={120}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          {...text('slug')}
        />
        <Field label={t('admin.tagline')} maxLength={500} {...text('tagline')} />
      </fieldset>

      <fieldset className="panel">
        <legend>{t('admin.sectionFacts')}</legend>
        <div className="form__row form__row--3">
          <Field label={t('admin.releaseDate')} type="date" {...text('releaseDate')} />
          <Field
            label={t('admin.runtime')}
            type="number"
            min={1}
            max={2000}
            inputMode="numeric"
            {...text('runtime')}
          />
          <Field
            label={t('admin.budget')}
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            {...text('budget')}
          />
        </div>
        <div className="form__row form__row--3">
          <Field label={t('admin.countries')} hint={t('admin.countriesHint')} {...text('countries')} />
          <Field label={t('admin.languages')} hint={t('admin.languagesHint')} {...text('languages')} />
          <Field
            label={t('admin.popularity')}
            type="number"
            min={0}
            max={100}
            step="any"
            {...text('popularity')}
          />
        </div>
        <fieldset className="genres">
          <legend>{t('admin.genres')}</legend>
          {GENRES.map((g) => (
            <label key={g} className="check chip-check">
              <input
                type="checkbox"
                checked={form.genres.includes(g)}
                onChange={(e) =>
                  set('genres', e.target.checked ? [...form.genres, g] : form.genres.filter((x) => x !== g))
                }
              />
              <span>{genreName(t, g)}</span>
            </label>
          ))}
          {errors.genres && <p className="field__error">{errors.genres}</p>}
        </fieldset>
        <TextArea
          label={t('admin.companies')}
          hint={t('admin.companiesHint')}
          rows={3}
          {...text('companies')}
        />
        <label className="check">
          <input type="checkbox" checked={form.adult} onChange={(e) => set('adult', e.target.checked)} />
          <span>{t('admin.adult')}</span>
        </label>
      </fieldset>

      <fieldset className="panel">
        <legend>{t('admin.sectionText')}</legend>
        <TextArea label={t('admin.overview')} rows={5} maxLength={5000} {...text('overview')} />
        <TextArea label={t('admin.overviewRu')} rows={5} maxLength={5000} lang="ru" {...text('overviewRu')} />
      </fieldset>

      <fieldset className="panel">
        <legend>{t('admin.sectionLinks')}</legend>
        <div className="form__row">
          <Field label={t('admin.imdbId')} placeholder="tt0000000" {...text('imdbId')} />
          <Field
            label={t('admin.trailer')}
            hint={t('admin.trailerHint')}
            placeholder="dQw4w9WgXcQ"
            {...text('trailerYoutubeId')}
          />
        </div>
      </fieldset>
    </>
  );
}

function Editor({ film }: { film: FilmDetails | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [original, setOriginal] = useState<FilmForm>(film ? formOf(film) : emptyForm);
  const [form, setForm] = useState<FilmForm>(original);
  const [current, setCurrent] = useState<FilmDetails | null>(film);
  const [notice, setNotice] = useState<string | null>(
    (location.state as { notice?: string } | null)?.notice ?? null,
  );
  const submit = useSubmission();
  const set = <K extends keyof FilmForm>(key: K, value: FilmForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    if (!film) return;
    const loaded = formOf(film);
    setOriginal(loaded);
    setForm(loaded);
    setCurrent(film);
  }, [film]);

  const save = () =>
    submit.run(async () => {
      setNotice(null);
      if (!current) {
        const created = await films.create(createInput(form));
        navigate(`/admin/films/${created.id}/edit`, { replace: true, state: { notice: t('admin.created') } });
        return;
      }
      const changes = changedInput(original, form);
      if (!Object.keys(changes).length) {
        setNotice(t('admin.nothingChanged'));
        return;
      }
      const updated = await films.update(current.id, changes);
      const loaded = formOf(updated);
      setCurrent(updated);
      setOriginal(loaded);
      setForm(loaded);
      setNotice(t('common.saved'));
    });

  const remove = () => {
    if (!current || !window.confirm(t('admin.confirmDelete', { title: current.title }))) return;
    void submit.run(async () => {
      await films.remove(current.id);
      navigate('/', { replace: true, state: { notice: t('film.deleted') } });
    });
  };

  const fieldErrors = submit.fields;
  return (
    <div className="editor">
      <div className="editor__head">
        <h1>{current ? t('admin.editTitle', { title: current.title }) : t('admin.newTitle')}</h1>
        {current && (
          <Link to={`/films/${current.slug}`} className="btn btn--ghost btn--small">
            {t('common.back')}
          </Link>
        )}
      </div>
      {current && <p className="muted">{t('admin.clearHint')}</p>}
      <div className="editor__grid">
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <FilmFields form={form} set={set} errors={fieldErrors} />
          {notice && <Notice kind="success">{notice}</Notice>}
          {submit.error ? <Notice kind="error">{errorMessage(t, submit.error)}</Notice> : null}
          <div className="form__actions form__actions--sticky">
            <button type="submit" className="btn btn--primary" disabled={submit.busy}>
              {current ? t('common.save') : t('admin.create')}
            </button>
            {current && (
              <button type="button" className="btn btn--danger" onClick={remove} disabled={submit.busy}>
                {t('film.deleteFilm')}
              </button>
            )}
          </div>
        </form>
        <aside>
          {current ? (
            <PosterEditor
              film={current}
              onChange={(posterUrl, generated) =>
                setCurrent({ ...current, posterUrl, posterGenerated: generated })
              }
            />
          ) : (
            <div className="panel">
              <h2>{t('admin.sectionPoster')}</h2>
              <p className="muted">{t('admin.savePosterFirst')}</p>
            </div>
          )}
        </aside>
      </div>
    </div>
  );
}

/** `/admin/films/new` and `/admin/films/:id/edit` (admins and owners). */
export function FilmEditorPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { ready, isAdmin } = useAuth();
  const resource = useResource(async () => (id ? films.get(id) : null), [id]);
  if (!ready) return <Loading />;
  if (!isAdmin) return <EmptyState>{t('admin.forbidden')}</EmptyState>;
  if (resource.error) {
    if (resource.error instanceof ApiError && resource.error.status === 404)
      return <EmptyState>{t('film.notFound')}</EmptyState>;
    return <ErrorState error={resource.error} onRetry={resource.reload} />;
  }
  if (resource.loading && id) return <Loading />;
  return <Editor key={id ?? 'new'} film={resource.data ?? null} />;
}
