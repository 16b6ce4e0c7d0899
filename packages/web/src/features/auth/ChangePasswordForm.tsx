import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { notifyOk } from '../../ui/notify';

/**
 * The signed-in user's own password. The server ends every reset link and every other session
 * of the user; this one stays (docs/accounts.md), so the user is told the other devices are out.
 */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setErrors({});
    if (next !== repeat) {
      setErrors({ repeat: t('reset.mismatch') });
      return;
    }
    setBusy(true);
    try {
      await api.post('/api/auth/password', { currentPassword: current, newPassword: next });
      notifyOk(t('user.passwordChanged'));
      onDone();
    } catch (err) {
      if (err instanceof ApiError) {
        // VALIDATION_FAILED names fields in issues; CURRENT_PASSWORD_WRONG in details.field.
        const field = (err.details as { field?: unknown } | null)?.field;
        const fe = typeof field === 'string' ? { [field]: err.message } : err.fieldErrors();
        setErrors(fe);
        if (Object.keys(fe).length === 0)
          setError(err.code !== 'NETWORK' ? err.message : t('errors.network'));
      } else setError(t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <PasswordInput
          label={t('user.currentPassword')}
          autoComplete="current-password"
          required
          value={current}
          error={errors.currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          data-autofocus
        />
        <PasswordInput
          label={t('reset.newPassword')}
          description={t('user.passwordHelp')}
          autoComplete="new-password"
          required
          value={next}
          error={errors.newPassword}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('reset.repeatPassword')}
          autoComplete="new-password"
          required
          value={repeat}
          error={errors.repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
        />
        <Button type="submit" loading={busy}>
          {t('user.changePassword')}
        </Button>
      </Stack>
    </form>
  );
}
