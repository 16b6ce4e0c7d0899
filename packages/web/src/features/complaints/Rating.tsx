// The customer's "how did we handle it" rating (1–5) as stars and text, for the case page and
// the customer's follow-up page. The stars are decoration (hidden from screen readers).
import { useTranslation } from 'react-i18next';

export function RatingText({ rating }: { rating: number }) {
  const { t } = useTranslation();
  const n = Math.max(0, Math.min(5, Math.round(rating)));
  return (
    <>
      <span aria-hidden="true" style={{ color: 'var(--mantine-color-yellow-7)' }}>
        {'★'.repeat(n)}
        {'☆'.repeat(5 - n)}
      </span>{' '}
      {t('complaints.rating.value', { rating })}
    </>
  );
}
