// Survey templates (issue 4): relational NPS, transactional CSAT, full SERVQUAL (E, P, weights),
// Kano from a list of attributes, perceived value, internal customer, managers' predicted
// expectations (gap 1). Each returns a definition input that validateDefinition() completes.
import {
  SERVQUAL_DIMENSION_LABELS,
  SERVQUAL_DIMENSIONS,
  SERVQUAL_ITEMS,
  type TQuestionInput,
  type TSurveyDefinitionInput,
} from '@fidelia/contracts';

type L = { es: string; en: string };
type Params = { attributes?: { key: string; es: string; en: string }[]; company?: string };

export const TEMPLATES: { key: string; name: L; description: L }[] = [
  {
    key: 'nps_relational',
    name: { es: 'NPS relacional', en: 'Relational NPS' },
    description: {
      es: 'Probabilidad de recomendación (0–10), motivo y satisfacción general.',
      en: 'Likelihood to recommend (0–10), reason and overall satisfaction.',
    },
  },
  {
    key: 'csat_transactional',
    name: { es: 'CSAT transaccional', en: 'Transactional CSAT' },
    description: {
      es: 'Satisfacción (1–5) tras una interacción concreta, con esfuerzo y comentario.',
      en: 'Satisfaction (1–5) after a specific interaction, with effort and comment.',
    },
  },
  {
    key: 'servqual',
    name: { es: 'SERVQUAL completo', en: 'Full SERVQUAL' },
    description: {
      es: '22 ítems de expectativas y percepciones (1–7) y reparto de 100 puntos entre las cinco dimensiones.',
      en: '22 expectation and perception items (1–7) and 100 points spread over the five dimensions.',
    },
  },
  {
    key: 'kano',
    name: { es: 'Estudio Kano', en: 'Kano study' },
    description: {
      es: 'Pares funcional/disfuncional por atributo, con las cinco respuestas estándar.',
      en: 'Functional/dysfunctional pairs per attribute, with the five standard answers.',
    },
  },
  {
    key: 'perceived_value',
    name: { es: 'Valor percibido', en: 'Perceived value' },
    description: {
      es: 'Valor recibido por el precio pagado, beneficios y disposición a pagar.',
      en: 'Value received for the price paid, benefits and willingness to pay.',
    },
  },
  {
    key: 'internal_customer',
    name: { es: 'Cliente interno', en: 'Internal customer' },
    description: {
      es: 'Cómo valora un departamento el servicio que recibe de otro.',
      en: 'How a department rates the service it receives from another.',
    },
  },
  {
    key: 'servqual_manager',
    name: {
      es: 'Expectativas previstas por directivos (brecha 1)',
      en: 'Managers’ predicted expectations (gap 1)',
    },
    description: {
      es: 'Los directivos predicen las expectativas de los clientes en los 22 ítems SERVQUAL.',
      en: 'Managers predict customer expectations on the 22 SERVQUAL items.',
    },
  },
];

const agree7 = {
  lowLabel: { es: 'Totalmente en desacuerdo', en: 'Strongly disagree' },
  highLabel: { es: 'Totalmente de acuerdo', en: 'Strongly agree' },
};

const comment = (key: string, es: string, en: string): TQuestionInput => ({
  key,
  type: 'text',
  tag: 'comment',
  title: { es, en },
  maxLength: 2000,
});

const npsQuestion = (company: string): TQuestionInput => ({
  key: 'nps',
  type: 'rating',
  tag: 'nps',
  required: true,
  min: 0,
  max: 10,
  title: {
    es: `¿Con qué probabilidad recomendaría ${company} a un amigo o colega?`,
    en: `How likely are you to recommend ${company} to a friend or colleague?`,
  },
  lowLabel: { es: 'Nada probable', en: 'Not at all likely' },
  highLabel: { es: 'Muy probable', en: 'Extremely likely' },
});

function servqualBattery(part: 'E' | 'P' | 'M', key: string): TQuestionInput {
  const wording = part === 'P' ? 'P' : 'E';
  return {
    key,
    type: 'servqual',
    part,
    required: true,
    title:
      part === 'E'
        ? {
            es: 'Piense en una empresa excelente de este sector. Indique su grado de acuerdo:',
            en: 'Think of an excellent company in this sector. Indicate how much you agree:',
          }
        : part === 'P'
          ? {
              es: 'Ahora piense en nuestra empresa. Indique su grado de acuerdo:',
              en: 'Now think of our company. Indicate how much you agree:',
            }
          : {
              es: '¿Qué responderían nuestros clientes sobre una empresa excelente? Prediga su grado de acuerdo:',
              en: 'How would our customers rate an excellent company? Predict their agreement:',
            },
    ...agree7,
    items: SERVQUAL_ITEMS.map((i) => ({
      key: `${part.toLowerCase()}${i.n}`,
      n: i.n,
      dimension: i.dimension,
      tag: `servqual:${part}:${i.n}`,
      text: i[wording],
    })),
  };
}

const weights: TQuestionInput = {
  key: 'weights',
  type: 'constant_sum',
  required: true,
  total: 100,
  title: {
    es: 'Reparta 100 puntos entre estas cinco características según su importancia para usted.',
    en: 'Allocate 100 points among these five features according to how important each is to you.',
  },
  items: SERVQUAL_DIMENSIONS.map((d) => ({
    key: d,
    tag: `importance:${d}`,
    text: SERVQUAL_DIMENSION_LABELS[d],
  })),
};

const DEFAULT_KANO: NonNullable<Params['attributes']> = [
  { key: 'app_movil', es: 'una aplicación móvil para operar', en: 'a mobile app to bank' },
  { key: 'cita_previa', es: 'cita previa con su gestor', en: 'appointments with your adviser' },
  { key: 'horario_tarde', es: 'horario de tarde en la oficina', en: 'afternoon branch hours' },
];

export function buildTemplate(key: string, params: Params = {}): TSurveyDefinitionInput {
  const company = params.company ?? 'nuestra empresa';
  const companyEn = params.company ?? 'our company';
  switch (key) {
    case 'nps_relational':
      return {
        title: { es: 'Su opinión nos importa', en: 'Your opinion matters' },
        pages: [
          {
            key: 'p1',
            questions: [
              {
                ...npsQuestion(company),
                title: {
                  es: `¿Con qué probabilidad recomendaría ${company} a un amigo o colega?`,
                  en: `How likely are you to recommend ${companyEn} to a friend or colleague?`,
                },
              } as TQuestionInput,
              comment(
                'reason',
                '¿Cuál es el motivo principal de su puntuación?',
                'What is the main reason for your score?',
              ),
              {
                key: 'satisfaction',
                type: 'rating',
                tag: 'satisfaction',
                min: 0,
                max: 10,
                title: {
                  es: 'En general, ¿cuál es su grado de satisfacción con el servicio?',
                  en: 'Overall, how satisfied are you with the service?',
                },
                lowLabel: { es: 'Nada satisfecho', en: 'Not at all satisfied' },
                highLabel: { es: 'Totalmente satisfecho', en: 'Completely satisfied' },
              },
            ],
          },
        ],
        thankYou: { message: { es: '¡Gracias por su tiempo!', en: 'Thank you for your time!' } },
      };
    case 'csat_transactional':
      return {
        title: { es: 'Valore su última gestión', en: 'Rate your last visit' },
        pages: [
          {
            key: 'p1',
            questions: [
              {
                key: 'csat',
                type: 'csat',
                tag: 'csat',
                required: true,
                title: {
                  es: '¿Qué grado de satisfacción tiene con la atención recibida?',
                  en: 'How satisfied are you with the service you received?',
                },
                lowLabel: { es: 'Muy insatisfecho', en: 'Very dissatisfied' },
                highLabel: { es: 'Muy satisfecho', en: 'Very satisfied' },
              },
              {
                key: 'effort',
                type: 'scale',
                tag: 'effort',
                points: 7,
                title: {
                  es: 'La entidad me lo puso fácil para resolver mi gestión.',
                  en: 'The company made it easy for me to handle my issue.',
                },
                ...agree7,
              },
              {
                key: 'resolved',
                type: 'single',
                tag: 'resolved',
                title: { es: '¿Se resolvió su gestión?', en: 'Was your issue resolved?' },
                options: [
                  { value: 'yes', label: { es: 'Sí', en: 'Yes' } },
                  { value: 'partly', label: { es: 'En parte', en: 'Partly' } },
                  { value: 'no', label: { es: 'No', en: 'No' } },
                ],
              },
              comment('comment', '¿Quiere añadir algo?', 'Anything you would like to add?'),
            ],
          },
        ],
      };
    case 'servqual':
      return {
        title: { es: 'Calidad del servicio', en: 'Service quality' },
        intro: {
          es: 'Esta encuesta tiene tres partes y dura unos 10 minutos.',
          en: 'This survey has three parts and takes about 10 minutes.',
        },
        pages: [
          { key: 'expectations', questions: [servqualBattery('E', 'sq_e')] },
          { key: 'perceptions', questions: [servqualBattery('P', 'sq_p')] },
          {
            key: 'weights',
            questions: [weights, comment('comment', 'Comentarios', 'Comments')],
          },
        ],
      };
    case 'servqual_manager':
      return {
        audience: 'manager',
        title: {
          es: 'Expectativas de nuestros clientes (visión de la dirección)',
          en: "Our customers' expectations (management view)",
        },
        pages: [
          { key: 'predicted', questions: [servqualBattery('M', 'sq_m')] },
          {
            key: 'weights',
            questions: [
              {
                ...weights,
                key: 'weights_predicted',
                title: {
                  es: '¿Cómo repartirían los clientes 100 puntos entre estas características?',
                  en: 'How would customers allocate 100 points among these features?',
                },
                items: SERVQUAL_DIMENSIONS.map((d) => ({
                  key: d,
                  tag: `importance:predicted:${d}`,
                  text: SERVQUAL_DIMENSION_LABELS[d],
                })),
              } as TQuestionInput,
            ],
          },
        ],
      };
    case 'kano': {
      const attrs = params.attributes?.length ? params.attributes : DEFAULT_KANO;
      return {
        title: { es: 'Qué espera de nuestro servicio', en: 'What you expect from our service' },
        pages: attrs.map((a) => ({
          key: `k_${a.key}`.slice(0, 63),
          questions: [
            {
              key: `kano_${a.key}`.slice(0, 63),
              type: 'kano',
              attribute: a.key,
              required: true,
              title: { es: a.es, en: a.en },
              functional: {
                es: `Si el servicio ofreciera ${a.es}, ¿qué opinaría?`,
                en: `If the service offered ${a.en}, how would you feel?`,
              },
              dysfunctional: {
                es: `Si el servicio NO ofreciera ${a.es}, ¿qué opinaría?`,
                en: `If the service did NOT offer ${a.en}, how would you feel?`,
              },
            },
          ],
        })),
      };
    }
    case 'perceived_value':
      return {
        title: { es: 'El valor de nuestro servicio', en: 'The value of our service' },
        pages: [
          {
            key: 'p1',
            questions: [
              {
                key: 'value',
                type: 'value',
                required: true,
                points: 7,
                title: { es: 'Valor del servicio', en: 'Value of the service' },
                priceText: {
                  es: 'Lo que recibo compensa el precio que pago.',
                  en: 'What I get is worth the price I pay.',
                },
                benefits: [
                  {
                    key: 'functional',
                    text: {
                      es: 'Beneficios funcionales (rapidez, fiabilidad)',
                      en: 'Functional benefits (speed, reliability)',
                    },
                  },
                  {
                    key: 'emotional',
                    text: {
                      es: 'Beneficios emocionales (tranquilidad, confianza)',
                      en: 'Emotional benefits (peace of mind, trust)',
                    },
                  },
                  {
                    key: 'economic',
                    text: {
                      es: 'Beneficios económicos (ahorro, rentabilidad)',
                      en: 'Economic benefits (savings, returns)',
                    },
                  },
                ],
                wtpText: {
                  es: '¿Cuánto estaría dispuesto a pagar al mes por este servicio (EUR)?',
                  en: 'How much would you be willing to pay per month for this service (EUR)?',
                },
                currency: 'EUR',
                wtpMax: 100000,
              },
              comment(
                'comment',
                '¿Qué haría que el servicio valiera más para usted?',
                'What would make the service worth more to you?',
              ),
            ],
          },
        ],
      };
    case 'internal_customer':
      return {
        audience: 'internal',
        title: { es: 'Encuesta de cliente interno', en: 'Internal customer survey' },
        pages: [
          {
            key: 'p1',
            questions: [
              {
                key: 'provider',
                type: 'text',
                tag: 'internal:provider',
                required: true,
                multiline: false,
                maxLength: 200,
                title: {
                  es: '¿Qué departamento le presta el servicio?',
                  en: 'Which department provides the service?',
                },
              },
              {
                key: 'internal',
                type: 'matrix',
                tag: 'internal',
                required: true,
                title: { es: 'Valore el servicio recibido', en: 'Rate the service you receive' },
                rows: [
                  {
                    key: 'timeliness',
                    tag: 'internal:timeliness',
                    text: { es: 'Cumple los plazos', en: 'Meets deadlines' },
                  },
                  {
                    key: 'accuracy',
                    tag: 'internal:accuracy',
                    text: { es: 'Sin errores', en: 'Error-free' },
                  },
                  {
                    key: 'communication',
                    tag: 'internal:communication',
                    text: { es: 'Comunica con claridad', en: 'Communicates clearly' },
                  },
                  {
                    key: 'helpfulness',
                    tag: 'internal:helpfulness',
                    text: { es: 'Disposición a ayudar', en: 'Willing to help' },
                  },
                ],
                columns: [1, 2, 3, 4, 5].map((v) => ({
                  value: v,
                  label: {
                    es: ['Muy mal', 'Mal', 'Regular', 'Bien', 'Muy bien'][v - 1] as string,
                    en: ['Very poor', 'Poor', 'Fair', 'Good', 'Very good'][v - 1] as string,
                  },
                })),
              },
              {
                key: 'csat',
                type: 'csat',
                tag: 'csat',
                title: {
                  es: 'Satisfacción general con este departamento',
                  en: 'Overall satisfaction with this department',
                },
              },
              comment('comment', '¿Qué debería mejorar?', 'What should improve?'),
            ],
          },
        ],
      };
    default:
      return {
        title: { es: 'Nueva encuesta', en: 'New survey' },
        pages: [{ key: 'p1', questions: [npsQuestion(company)] }],
      };
  }
}
