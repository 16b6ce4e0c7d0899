// Data of the complaints demo (demo.ts): the category and root-cause trees, the case stories
// (category, subject, description, likely cause, remedy sought), the staff's stock texts, and
// the channels, branches and severities cases are drawn from.
export const CATEGORIES: [string, string | null, string][] = [
  ['Comisiones y cobros', null, 'reliability'],
  ['Comisión indebida', 'Comisiones y cobros', 'reliability'],
  ['Cargo duplicado', 'Comisiones y cobros', 'reliability'],
  ['Atención en oficina', null, 'empathy'],
  ['Tiempo de espera', 'Atención en oficina', 'responsiveness'],
  ['Trato recibido', 'Atención en oficina', 'assurance'],
  ['Instalaciones', 'Atención en oficina', 'tangibles'],
  ['Banca digital', null, 'reliability'],
  ['Aplicación móvil', 'Banca digital', 'reliability'],
  ['Transferencias', 'Banca digital', 'responsiveness'],
  ['Tarjetas', null, 'reliability'],
  ['Hipotecas y préstamos', null, 'assurance'],
];
export const CAUSES: [string, string | null][] = [
  ['Personas', null],
  ['Falta de formación', 'Personas'],
  ['Falta de personal en oficina', 'Personas'],
  ['Procesos', null],
  ['Procedimiento no definido', 'Procesos'],
  ['Error manual en la operación', 'Procesos'],
  ['Sistemas', null],
  ['Caída del sistema', 'Sistemas'],
  ['Tarifa mal configurada', 'Sistemas'],
  ['Comunicación', null],
  ['Información incompleta al cliente', 'Comunicación'],
];

// [category, subject, description, likely cause, remedy sought]
export const STORIES: [string, string, string, string, string][] = [
  [
    'Comisión indebida',
    'Comisión de mantenimiento cobrada',
    'Me han cobrado 30 € de comisión de mantenimiento aunque tengo la nómina domiciliada y me dijeron que estaba exenta.',
    'Tarifa mal configurada',
    'refund',
  ],
  [
    'Cargo duplicado',
    'Recibo de la luz cargado dos veces',
    'El recibo de la compañía eléctrica aparece cargado dos veces el mismo día en mi cuenta.',
    'Error manual en la operación',
    'refund',
  ],
  [
    'Tiempo de espera',
    'Más de una hora esperando en la oficina',
    'Esperé más de una hora para hacer un ingreso; solo había una ventanilla abierta y nadie informaba.',
    'Falta de personal en oficina',
    'apology',
  ],
  [
    'Trato recibido',
    'Trato poco amable del empleado',
    'El empleado que me atendió fue cortante y no me explicó las condiciones del depósito.',
    'Falta de formación',
    'apology',
  ],
  [
    'Instalaciones',
    'Cajero automático fuera de servicio',
    'El cajero de la oficina lleva toda la semana fuera de servicio y no hay aviso.',
    'Procedimiento no definido',
    'redo',
  ],
  [
    'Aplicación móvil',
    'La aplicación no permite entrar',
    'Desde la última actualización la aplicación se cierra al identificarme con huella.',
    'Caída del sistema',
    'explanation',
  ],
  [
    'Transferencias',
    'Transferencia retenida tres días',
    'Una transferencia a mi hija estuvo retenida tres días sin que nadie me avisara.',
    'Información incompleta al cliente',
    'compensation',
  ],
  [
    'Tarjetas',
    'Tarjeta bloqueada en el extranjero',
    'Me bloquearon la tarjeta de viaje en Lisboa y no pude pagar el hotel.',
    'Información incompleta al cliente',
    'compensation',
  ],
  [
    'Hipotecas y préstamos',
    'Retraso en la tasación de la hipoteca',
    'Llevo seis semanas esperando la tasación y corro el riesgo de perder la vivienda.',
    'Procedimiento no definido',
    'explanation',
  ],
  [
    'Comisión indebida',
    'Comisión por ingreso en ventanilla',
    'Me cobraron 2 € por ingresar efectivo en ventanilla porque el cajero no funcionaba.',
    'Tarifa mal configurada',
    'refund',
  ],
  [
    'Tiempo de espera',
    'Nadie atiende el teléfono de la oficina',
    'Llamé diez veces a la oficina y nunca contestan.',
    'Falta de personal en oficina',
    'apology',
  ],
  [
    'Trato recibido',
    'Me insistieron en contratar un seguro',
    'Para concederme el préstamo me insistieron en contratar un seguro que no necesito.',
    'Falta de formación',
    'explanation',
  ],
];

export const RESPONSE =
  'Lamentamos lo ocurrido. Hemos revisado su caso con la oficina y le explicamos a continuación la solución.';
export const REJECT =
  'Tras revisar la operación, el cargo se ajusta a las condiciones firmadas en el contrato.';
export const RECOURSE =
  'Si no está conforme, puede dirigirse al Defensor del Cliente de Banco Horizonte o al Servicio de Reclamaciones del Banco de España.';
export const NOTE =
  'Revisado el extracto con el director de la oficina; pendiente de confirmar con operaciones.';
export const REOPEN = 'El cliente indica que el problema se ha repetido.';

export const CHANNELS = [
  'web',
  'web',
  'counter',
  'phone',
  'email',
  'counter',
  'web',
  'phone',
] as const;
export const BRANCHES = [
  'madrid-castellana',
  'madrid-sol',
  'bilbao',
  'oviedo',
  'sevilla',
  'malaga',
];
export const SEVERITIES = ['low', 'medium', 'medium', 'high', 'critical'];
