// Standard survey content as data: the 22 SERVQUAL items with their expectation (E) and
// perception (P) wordings in Spanish and English, the dimension labels and the Kano answer
// labels. No zod here: the template builders and the demo read it; surveys.ts re-exports it.
import type { TServqualDimension } from './surveys';

/** The 22 SERVQUAL items (Parasuraman, Zeithaml & Berry 1988/1991), E and P wordings. */
export const SERVQUAL_ITEMS: {
  n: number;
  dimension: TServqualDimension;
  E: { es: string; en: string };
  P: { es: string; en: string };
}[] = [
  {
    n: 1,
    dimension: 'tangibles',
    E: {
      es: 'Las empresas excelentes tienen equipos de aspecto moderno.',
      en: 'Excellent companies will have modern-looking equipment.',
    },
    P: {
      es: 'La empresa tiene equipos de aspecto moderno.',
      en: 'The company has modern-looking equipment.',
    },
  },
  {
    n: 2,
    dimension: 'tangibles',
    E: {
      es: 'Las instalaciones físicas de las empresas excelentes son visualmente atractivas.',
      en: 'The physical facilities at excellent companies will be visually appealing.',
    },
    P: {
      es: 'Las instalaciones físicas de la empresa son visualmente atractivas.',
      en: "The company's physical facilities are visually appealing.",
    },
  },
  {
    n: 3,
    dimension: 'tangibles',
    E: {
      es: 'Los empleados de las empresas excelentes tienen una apariencia pulcra.',
      en: 'Employees of excellent companies will be neat-appearing.',
    },
    P: {
      es: 'Los empleados de la empresa tienen una apariencia pulcra.',
      en: "The company's employees are neat-appearing.",
    },
  },
  {
    n: 4,
    dimension: 'tangibles',
    E: {
      es: 'En una empresa excelente, los materiales relacionados con el servicio (folletos, extractos) son visualmente atractivos.',
      en: 'Materials associated with the service (such as pamphlets or statements) will be visually appealing in an excellent company.',
    },
    P: {
      es: 'Los materiales relacionados con el servicio (folletos, extractos) de la empresa son visualmente atractivos.',
      en: 'Materials associated with the service (such as pamphlets or statements) are visually appealing at the company.',
    },
  },
  {
    n: 5,
    dimension: 'reliability',
    E: {
      es: 'Cuando las empresas excelentes prometen hacer algo en cierto tiempo, lo hacen.',
      en: 'When excellent companies promise to do something by a certain time, they will do so.',
    },
    P: {
      es: 'Cuando la empresa promete hacer algo en cierto tiempo, lo hace.',
      en: 'When the company promises to do something by a certain time, it does so.',
    },
  },
  {
    n: 6,
    dimension: 'reliability',
    E: {
      es: 'Cuando un cliente tiene un problema, las empresas excelentes muestran un sincero interés en solucionarlo.',
      en: 'When a customer has a problem, excellent companies will show a sincere interest in solving it.',
    },
    P: {
      es: 'Cuando usted tiene un problema, la empresa muestra un sincero interés en solucionarlo.',
      en: 'When you have a problem, the company shows a sincere interest in solving it.',
    },
  },
  {
    n: 7,
    dimension: 'reliability',
    E: {
      es: 'Las empresas excelentes realizan bien el servicio la primera vez.',
      en: 'Excellent companies will perform the service right the first time.',
    },
    P: {
      es: 'La empresa realiza bien el servicio la primera vez.',
      en: 'The company performs the service right the first time.',
    },
  },
  {
    n: 8,
    dimension: 'reliability',
    E: {
      es: 'Las empresas excelentes prestan sus servicios en el momento en que prometen hacerlo.',
      en: 'Excellent companies will provide their services at the time they promise to do so.',
    },
    P: {
      es: 'La empresa presta sus servicios en el momento en que promete hacerlo.',
      en: 'The company provides its services at the time it promises to do so.',
    },
  },
  {
    n: 9,
    dimension: 'reliability',
    E: {
      es: 'Las empresas excelentes insisten en mantener registros libres de errores.',
      en: 'Excellent companies will insist on error-free records.',
    },
    P: {
      es: 'La empresa insiste en mantener registros libres de errores.',
      en: 'The company insists on error-free records.',
    },
  },
  {
    n: 10,
    dimension: 'responsiveness',
    E: {
      es: 'Los empleados de las empresas excelentes comunican a los clientes cuándo concluirá la realización del servicio.',
      en: 'Employees of excellent companies will tell customers exactly when services will be performed.',
    },
    P: {
      es: 'Los empleados de la empresa le comunican exactamente cuándo concluirá la realización del servicio.',
      en: "The company's employees tell you exactly when services will be performed.",
    },
  },
  {
    n: 11,
    dimension: 'responsiveness',
    E: {
      es: 'Los empleados de las empresas excelentes ofrecen un servicio rápido a sus clientes.',
      en: 'Employees of excellent companies will give prompt service to customers.',
    },
    P: {
      es: 'Los empleados de la empresa le ofrecen un servicio rápido.',
      en: "The company's employees give you prompt service.",
    },
  },
  {
    n: 12,
    dimension: 'responsiveness',
    E: {
      es: 'Los empleados de las empresas excelentes siempre están dispuestos a ayudar a sus clientes.',
      en: 'Employees of excellent companies will always be willing to help customers.',
    },
    P: {
      es: 'Los empleados de la empresa siempre están dispuestos a ayudarle.',
      en: "The company's employees are always willing to help you.",
    },
  },
  {
    n: 13,
    dimension: 'responsiveness',
    E: {
      es: 'Los empleados de las empresas excelentes nunca están demasiado ocupados para responder a las preguntas de sus clientes.',
      en: 'Employees of excellent companies will never be too busy to respond to customer requests.',
    },
    P: {
      es: 'Los empleados de la empresa nunca están demasiado ocupados para responder a sus preguntas.',
      en: "The company's employees are never too busy to respond to your requests.",
    },
  },
  {
    n: 14,
    dimension: 'assurance',
    E: {
      es: 'El comportamiento de los empleados de las empresas excelentes transmite confianza a sus clientes.',
      en: 'The behavior of employees of excellent companies will instill confidence in customers.',
    },
    P: {
      es: 'El comportamiento de los empleados de la empresa le transmite confianza.',
      en: "The behavior of the company's employees instills confidence in you.",
    },
  },
  {
    n: 15,
    dimension: 'assurance',
    E: {
      es: 'Los clientes de las empresas excelentes se sienten seguros en sus transacciones.',
      en: 'Customers of excellent companies will feel safe in their transactions.',
    },
    P: {
      es: 'Usted se siente seguro en sus transacciones con la empresa.',
      en: 'You feel safe in your transactions with the company.',
    },
  },
  {
    n: 16,
    dimension: 'assurance',
    E: {
      es: 'Los empleados de las empresas excelentes son siempre amables con los clientes.',
      en: 'Employees of excellent companies will be consistently courteous with customers.',
    },
    P: {
      es: 'Los empleados de la empresa son siempre amables con usted.',
      en: "The company's employees are consistently courteous with you.",
    },
  },
  {
    n: 17,
    dimension: 'assurance',
    E: {
      es: 'Los empleados de las empresas excelentes tienen conocimientos suficientes para responder a las preguntas de los clientes.',
      en: 'Employees of excellent companies will have the knowledge to answer customer questions.',
    },
    P: {
      es: 'Los empleados de la empresa tienen conocimientos suficientes para responder a sus preguntas.',
      en: "The company's employees have the knowledge to answer your questions.",
    },
  },
  {
    n: 18,
    dimension: 'empathy',
    E: {
      es: 'Las empresas excelentes dan a sus clientes una atención individualizada.',
      en: 'Excellent companies will give customers individual attention.',
    },
    P: {
      es: 'La empresa le da una atención individualizada.',
      en: 'The company gives you individual attention.',
    },
  },
  {
    n: 19,
    dimension: 'empathy',
    E: {
      es: 'Las empresas excelentes tienen horarios de atención convenientes para todos sus clientes.',
      en: 'Excellent companies will have operating hours convenient to all their customers.',
    },
    P: {
      es: 'La empresa tiene horarios de atención convenientes para todos sus clientes.',
      en: 'The company has operating hours convenient to all its customers.',
    },
  },
  {
    n: 20,
    dimension: 'empathy',
    E: {
      es: 'Las empresas excelentes tienen empleados que ofrecen una atención personalizada a sus clientes.',
      en: 'Excellent companies will have employees who give customers personal attention.',
    },
    P: {
      es: 'La empresa tiene empleados que le ofrecen una atención personalizada.',
      en: 'The company has employees who give you personal attention.',
    },
  },
  {
    n: 21,
    dimension: 'empathy',
    E: {
      es: 'Las empresas excelentes se preocupan por los mejores intereses de sus clientes.',
      en: "Excellent companies will have the customer's best interests at heart.",
    },
    P: {
      es: 'La empresa se preocupa por sus mejores intereses.',
      en: 'The company has your best interests at heart.',
    },
  },
  {
    n: 22,
    dimension: 'empathy',
    E: {
      es: 'Los empleados de las empresas excelentes comprenden las necesidades específicas de sus clientes.',
      en: 'The employees of excellent companies will understand the specific needs of their customers.',
    },
    P: {
      es: 'Los empleados de la empresa comprenden sus necesidades específicas.',
      en: "The company's employees understand your specific needs.",
    },
  },
];

export const SERVQUAL_DIMENSION_LABELS: Record<TServqualDimension, { es: string; en: string }> = {
  tangibles: { es: 'Elementos tangibles', en: 'Tangibles' },
  reliability: { es: 'Fiabilidad', en: 'Reliability' },
  responsiveness: { es: 'Capacidad de respuesta', en: 'Responsiveness' },
  assurance: { es: 'Seguridad', en: 'Assurance' },
  empathy: { es: 'Empatía', en: 'Empathy' },
};

// The Kano answer labels live with the other zod-free constants (export columns read them).
export { KANO_ANSWER_LABELS } from './survey-logic/constants';
