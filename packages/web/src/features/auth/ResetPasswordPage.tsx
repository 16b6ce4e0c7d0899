import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { AuthLayout } from './AuthLayout';

/** Confirm step of the reset: the mailed link carries ?token=...; the token can also be pasted. */
export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [token, setToken] = useState(params.get('token') ?? '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setFieldError(null);
    if (password !== repeat) {
      setFieldError(t('reset.mismatch'));
      return;
    }
    setBusy(true);
    try {
      await api.post('/api/auth/password-reset/confirm', { token, password });
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError) {
        setFieldError(err.fieldErrors().password ?? null);
        setError(err.code !== 'NETWORK' ? err.message : t('errors.network'));
      } else setError(t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title={t('reset.confirmTitle')}>
      {done ? (
        <Alert color="teal" role="status">
          {t('reset.done')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('reset.token')}
              required
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('reset.newPassword')}
              autoComplete="new-password"
              required
              value={password}
              error={fieldError}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('reset.repeatPassword')}
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy}>
              {t('reset.confirmSubmit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/login" size="sm">
        {t('reset.backToLogin')}
      </Anchor>
    </AuthLayout>
  );
}
