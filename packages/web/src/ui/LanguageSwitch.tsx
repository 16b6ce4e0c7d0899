import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { currentLang } from '../i18n';
import { notifyError } from './notify';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { setLanguage } = useSession();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('lang.label')}
      value={currentLang()}
      onChange={(v) => setLanguage(v === 'en' ? 'en' : 'es').catch(notifyError)}
      data={[
        { value: 'es', label: 'ES' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
