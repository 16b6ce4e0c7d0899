// Words for the codes in the staff list export, in the reader's language (the same words the
// screens use). A code missing here is written as it is rather than dropped.
import type { TComplaintStatus } from '@fidelia/contracts';

type Words = Record<string, string>;

export const LABELS: Record<
  'es' | 'en',
  { status: Record<TComplaintStatus, string>; severity: Words; channel: Words; form: Words }
> = {
  es: {
    status: {
      received: 'Recibida',
      acknowledged: 'Acusada',
      assessed: 'Evaluada',
      investigating: 'En investigación',
      responded: 'Respondida',
      closed: 'Cerrada',
      rejected: 'Rechazada',
      reopened: 'Reabierta',
    },
    severity: { low: 'Baja', medium: 'Media', high: 'Alta', critical: 'Crítica' },
    channel: {
      counter: 'Mostrador',
      phone: 'Teléfono',
      email: 'Correo',
      web: 'Web',
      survey: 'Encuesta',
      retention: 'Seguimiento de retención',
    },
    form: {
      complaint: 'Queja expresada',
      unexpressed: 'Insatisfacción no expresada',
      avoidable: 'Evitable',
      trivial: 'Trivial',
    },
  },
  en: {
    status: {
      received: 'Received',
      acknowledged: 'Acknowledged',
      assessed: 'Assessed',
      investigating: 'Investigating',
      responded: 'Responded',
      closed: 'Closed',
      rejected: 'Rejected',
      reopened: 'Reopened',
    },
    severity: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
    channel: {
      counter: 'Counter',
      phone: 'Phone',
      email: 'E-mail',
      web: 'Web',
      survey: 'Survey',
      retention: 'Retention follow-up',
    },
    form: {
      complaint: 'Expressed complaint',
      unexpressed: 'Unexpressed dissatisfaction',
      avoidable: 'Avoidable',
      trivial: 'Trivial',
    },
  },
};

export const word = (m: Words, code: string | null | undefined) =>
  code ? (m[code] ?? code) : null;
