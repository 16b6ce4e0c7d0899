import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, api, setCsrfToken } from '../../api/client';
import type { TMe } from '../../api/types';
import { useSession } from '../../auth/session';
import { currentLang } from '../../i18n';
import { AuthLayout } from './AuthLayout';

export default function LoginPage() {
  const { t } = useTranslation();
  const { user, refresh } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // '/' is the home overview (App.tsx's index route).
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (user) return <Navigate to={from} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ user: TMe }>('/api/auth/login', { email, password });
      // The CSRF token is bound to the session, which login has just replaced.
      setCsrfToken(null);
      // The language chosen on this page wins over the one stored on the account.
      if (res.user.locale !== currentLang()) {
        await api.patch('/api/auth/me', { locale: currentLang() }).catch(() => undefined);
      }
      await refresh();
      navigate(from, { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiError && err.code !== 'NETWORK' ? err.message : t('errors.network'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('login.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert" title={t('login.failed')}>
              {error}
            </Alert>
          )}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy} fullWidth>
            {t('login.submit')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('login.forgot')}
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
