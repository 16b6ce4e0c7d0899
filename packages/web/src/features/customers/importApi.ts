/** Fields an import column can map to (server names); custom fields are `attr:<key>`
// (same list as IMPORT_TARGETS in @fidelia/contracts, copied so zod stays out of the bundle). */
export const IMPORT_TARGETS = [
  'externalId',
  'name',
  'email',
  'phone',
  'kind',
  'useClass',
  'tier',
  'status',
  'unitId',
  'language',
  'consentEmail',
  'consentSurvey',
  'statedNeeds',
  'realNeeds',
  'needTags',
] as const;
