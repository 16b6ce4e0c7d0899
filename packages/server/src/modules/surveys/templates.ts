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
  {
    key: 'gap_causes',
    name: {
      es: 'Causas de las brechas (personal y directivos)',
      en: 'Causes of the gaps (staff and managers)',
    },
    description: {
      es: 'Cuestionario de Zeithaml, Berry y Parasuraman: 16 factores organizativos de las brechas 1 a 4 (1–7).',
      en: 'Zeithaml, Berry & Parasuraman questionnaire: 16 organisational factors behind gaps 1–4 (1–7).',
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
    case 'gap_causes':
      return gapCausesTemplate();
    default:
      return {
        title: { es: 'Nueva encuesta', en: 'New survey' },
        pages: [{ key: 'p1', questions: [npsQuestion(company)] }],
      };
  }
}

// ----------------------------------------------------------------------------- gap causes
// The Zeithaml, Berry & Parasuraman (1988) staff/manager questionnaire on the organisational
// causes of gaps 1–4. Each item is tagged `gapcause:<factor>:<n>` (or `:r` when reverse-worded,
// scored 8 − value), the very column names `fidelia analyze gap-causes` reads; the diagnostic
// module scores the answers with the same @fidelia/stats `gapCauses`.
type TCauseItem = [factor: string, reverse: boolean, es: string, en: string];
export const GAP_CAUSE_ITEMS: TCauseItem[] = [
  [
    'marketing_research_orientation',
    false,
    'Recogemos con regularidad información sobre lo que esperan los clientes.',
    'We regularly collect information about what customers expect.',
  ],
  [
    'marketing_research_orientation',
    false,
    'Los datos que recogemos sobre los clientes se usan para decidir.',
    'The information we gather about customers is used in decisions.',
  ],
  [
    'marketing_research_orientation',
    true,
    'Rara vez hablamos directamente con los clientes sobre el servicio.',
    'We seldom talk directly with customers about the service.',
  ],
  [
    'upward_communication',
    false,
    'El personal de contacto comunica a la dirección lo que piden los clientes.',
    'Contact staff pass on to management what customers ask for.',
  ],
  [
    'upward_communication',
    true,
    'La dirección rara vez pregunta al personal de contacto por los clientes.',
    'Management seldom asks contact staff about customers.',
  ],
  [
    'levels_of_management',
    true,
    'Hay demasiados niveles entre el personal de contacto y la dirección.',
    'There are too many levels between contact staff and top management.',
  ],
  [
    'levels_of_management',
    false,
    'Un problema de un cliente llega pronto a quien puede resolverlo.',
    "A customer's problem quickly reaches someone who can solve it.",
  ],
  [
    'management_commitment',
    false,
    'La dirección dedica recursos a mejorar la calidad del servicio.',
    'Management commits resources to improving service quality.',
  ],
  [
    'management_commitment',
    false,
    'Los directivos ven la calidad del servicio como una prioridad.',
    'Managers see service quality as a priority.',
  ],
  [
    'goal_setting',
    false,
    'Tenemos objetivos formales de calidad de servicio.',
    'We have formal service quality goals.',
  ],
  [
    'goal_setting',
    false,
    'Los objetivos de servicio se basan en lo que esperan los clientes.',
    "Our service goals are based on customers' expectations.",
  ],
  [
    'task_standardization',
    false,
    'Usamos procedimientos y tecnología para que el servicio sea homogéneo.',
    'We use procedures and technology to make the service consistent.',
  ],
  [
    'task_standardization',
    true,
    'Cada empleado presta el servicio a su manera.',
    'Every employee delivers the service their own way.',
  ],
  [
    'perception_of_feasibility',
    false,
    'Tenemos capacidad para dar a los clientes el nivel de servicio que esperan.',
    'We are able to give customers the level of service they expect.',
  ],
  [
    'perception_of_feasibility',
    true,
    'Cumplir lo que esperan los clientes no es realista con nuestros medios.',
    'Meeting customer expectations is not realistic with our means.',
  ],
  [
    'teamwork',
    false,
    'Me siento parte de un equipo en mi unidad.',
    'I feel part of a team in my unit.',
  ],
  [
    'teamwork',
    false,
    'Mis compañeros se esfuerzan por atender bien a los clientes.',
    'My colleagues go out of their way to serve customers well.',
  ],
  [
    'teamwork',
    true,
    'Siento que compito con mis compañeros.',
    'I feel I am competing with my colleagues.',
  ],
  [
    'employee_job_fit',
    false,
    'Me siento cómodo en mi puesto: sé hacerlo bien.',
    'I feel comfortable in my job: I can do it well.',
  ],
  [
    'employee_job_fit',
    false,
    'La empresa contrata a personas capacitadas para su trabajo.',
    'The company hires people qualified for their jobs.',
  ],
  [
    'technology_job_fit',
    false,
    'Tengo las herramientas y los equipos que necesito para atender bien.',
    'I have the tools and equipment I need to serve customers well.',
  ],
  [
    'technology_job_fit',
    true,
    'Los sistemas informáticos fallan a menudo cuando atiendo.',
    'The IT systems often fail while I serve customers.',
  ],
  [
    'perceived_control',
    false,
    'Puedo resolver por mí mismo los problemas de los clientes.',
    "I can solve customers' problems on my own.",
  ],
  [
    'perceived_control',
    true,
    'Muchas cosas de mi trabajo escapan a mi control.',
    'Much of my job is beyond my control.',
  ],
  [
    'supervisory_control_systems',
    false,
    'Se me evalúa por lo bien que atiendo a los clientes.',
    'I am evaluated on how well I serve customers.',
  ],
  [
    'supervisory_control_systems',
    true,
    'Se reconoce más el volumen de trabajo que la calidad del servicio.',
    'Volume of work is recognised more than quality of service.',
  ],
  [
    'role_conflict',
    true,
    'Los clientes y la empresa me piden cosas contradictorias.',
    'Customers and the company ask contradictory things of me.',
  ],
  [
    'role_conflict',
    true,
    'Tengo que saltarme normas para atender bien a un cliente.',
    'I have to bend the rules to serve a customer well.',
  ],
  [
    'role_conflict',
    false,
    'Lo que me pide la empresa encaja con lo que necesitan los clientes.',
    'What the company asks of me fits what customers need.',
  ],
  [
    'role_ambiguity',
    false,
    'Sé exactamente qué se espera de mí en mi trabajo.',
    'I know exactly what is expected of me in my job.',
  ],
  [
    'role_ambiguity',
    false,
    'Recibo suficiente información sobre los productos y servicios.',
    'I receive enough information about products and services.',
  ],
  [
    'horizontal_communication',
    false,
    'El personal de contacto sabe lo que se promete en la publicidad antes de que salga.',
    'Contact staff know what advertising promises before it runs.',
  ],
  [
    'horizontal_communication',
    false,
    'Las políticas son las mismas en todas las oficinas.',
    'Policies are the same in every branch.',
  ],
  [
    'propensity_to_overpromise',
    true,
    'Nos presionan para prometer más de lo que podemos cumplir.',
    'We are under pressure to promise more than we can deliver.',
  ],
  [
    'propensity_to_overpromise',
    true,
    'La competencia nos obliga a prometer demasiado.',
    'Competition pushes us to overpromise.',
  ],
];

const GAP_OF_FACTOR: Record<string, number> = {
  marketing_research_orientation: 1,
  upward_communication: 1,
  levels_of_management: 1,
  management_commitment: 2,
  goal_setting: 2,
  task_standardization: 2,
  perception_of_feasibility: 2,
  teamwork: 3,
  employee_job_fit: 3,
  technology_job_fit: 3,
  perceived_control: 3,
  supervisory_control_systems: 3,
  role_conflict: 3,
  role_ambiguity: 3,
  horizontal_communication: 4,
  propensity_to_overpromise: 4,
};

/** Item k of a factor: `<factor>_<k>` as the key, `gapcause:<factor>:<k>[:r]` as the tag. */
export function gapCauseRows(gap: number) {
  const seen = new Map<string, number>();
  return GAP_CAUSE_ITEMS.flatMap(([factor, reverse, es, en]) => {
    const k = (seen.get(factor) ?? 0) + 1;
    seen.set(factor, k);
    if (GAP_OF_FACTOR[factor] !== gap) return [];
    return [
      {
        key: `${factor}_${k}`,
        tag: `gapcause:${factor}:${k}${reverse ? ':r' : ''}`,
        text: { es, en },
      },
    ];
  });
}

function gapCausesTemplate(): TSurveyDefinitionInput {
  const pageTitle: Record<number, L> = {
    1: { es: 'Conocer al cliente', en: 'Knowing the customer' },
    2: { es: 'Objetivos y estándares', en: 'Goals and standards' },
    3: { es: 'Su trabajo diario', en: 'Your daily work' },
    4: { es: 'Comunicación y promesas', en: 'Communication and promises' },
  };
  const agreeColumns = [1, 2, 3, 4, 5, 6, 7].map((v) => ({
    value: v,
    label: {
      es: [
        'Totalmente en desacuerdo',
        'En desacuerdo',
        'Algo en desacuerdo',
        'Neutral',
        'Algo de acuerdo',
        'De acuerdo',
        'Totalmente de acuerdo',
      ][v - 1] as string,
      en: [
        'Strongly disagree',
        'Disagree',
        'Somewhat disagree',
        'Neutral',
        'Somewhat agree',
        'Agree',
        'Strongly agree',
      ][v - 1] as string,
    },
  }));
  return {
    audience: 'employee',
    title: { es: 'Cómo trabajamos el servicio', en: 'How we work on service' },
    intro: {
      es: 'Encuesta anónima para el personal y los directivos. Indique su grado de acuerdo con cada frase.',
      en: 'Anonymous survey for staff and managers. Indicate how much you agree with each statement.',
    },
    pages: [
      {
        key: 'role',
        questions: [
          {
            key: 'role',
            type: 'single',
            tag: 'gapcause:role',
            required: true,
            title: { es: '¿Cuál es su puesto?', en: 'What is your position?' },
            options: [
              { value: 'contact', label: { es: 'Personal de contacto', en: 'Contact staff' } },
              { value: 'manager', label: { es: 'Directivo o mando', en: 'Manager or supervisor' } },
            ],
          },
        ],
      },
      ...[1, 2, 3, 4].map((gap) => ({
        key: `gap${gap}`,
        questions: [
          {
            key: `causes_gap${gap}`,
            type: 'matrix',
            title: pageTitle[gap] as L,
            rows: gapCauseRows(gap),
            columns: agreeColumns,
          } as TQuestionInput,
        ],
      })),
    ],
  };
}
