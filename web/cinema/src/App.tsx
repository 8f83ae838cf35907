import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { AuthProvider, RequireUser } from './auth/auth';
import { Layout } from './components/Layout';
import { EmptyState } from './components/States';
import { I18nProvider, useT } from './i18n/i18n';
import { FilmEditorPage } from './pages/admin/FilmEditorPage';
import { LoginPage } from './pages/auth/LoginPage';
import { RegisterPage } from './pages/auth/RegisterPage';
import { ResetPasswordPage } from './pages/auth/ResetPasswordPage';
import { VerifyPage } from './pages/auth/VerifyPage';
import { FilmPage } from './pages/film/FilmPage';
import { HomePage } from './pages/home/HomePage';
import { AccountTab } from './pages/profile/AccountTab';
import { FavouritesTab, WatchListsTab } from './pages/profile/ListsTab';
import { ProfilePage } from './pages/profile/ProfilePage';
import { PublicProfilePage } from './pages/profile/PublicProfilePage';
import { SecurityTab } from './pages/profile/SecurityTab';

function NotFound() {
  const t = useT();
  return (
    <EmptyState
      action={
        <Link to="/" className="btn">
          {t('error.toHome')}
        </Link>
      }
    >
      {t('error.pageNotFound')}
    </EmptyState>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="films/:ref" element={<FilmPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route
          path="verify"
          element={
            <RequireUser>
              <VerifyPage />
            </RequireUser>
          }
        />
        <Route
          path="profile"
          element={
            <RequireUser>
              <ProfilePage />
            </RequireUser>
          }
        >
          <Route index element={<AccountTab />} />
          <Route path="favourites" element={<FavouritesTab />} />
          <Route path="lists" element={<WatchListsTab />} />
          <Route path="lists/:status" element={<WatchListsTab />} />
          <Route path="security" element={<SecurityTab />} />
        </Route>
        <Route path="users/:id" element={<PublicProfilePage />} />
        <Route
          path="admin/films/new"
          element={
            <RequireUser>
              <FilmEditorPage />
            </RequireUser>
          }
        />
        <Route
          path="admin/films/:id/edit"
          element={
            <RequireUser>
              <FilmEditorPage />
            </RequireUser>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <I18nProvider>
      {/* '/cinema/' with its slash: the app's root stays /cinema/ (the gateway redirects /cinema). */}
      <BrowserRouter basename={import.meta.env.BASE_URL}>
        <AuthProvider>
          <AppRoutes />
        </AuthProvider>
      </BrowserRouter>
    </I18nProvider>
  );
}
