// The diagnostic module's one public surface (issue 16): the five-gap diagnostic of an org unit
// and period (evidence.ts), its PDF (report-pdf.ts), the promises registry (promises.ts), the
// ranked candidates (ranking.ts) and the tracked action list (actions.ts).
import './errors';

export { createAction, listActions, listOwners, patchAction, type TAction } from './actions';
export { causesTable, diagnose, type TDiagnostic, type TMissing } from './evidence';
export {
  createPromise,
  deletePromise,
  getPromise,
  linkComplaint,
  listPromises,
  NOT_KEPT_COMPLAINTS,
  patchPromise,
  unlinkComplaint,
} from './promises';
export { rankCandidates, type TCandidate } from './ranking';
export { diagnosticPage, diagnosticPdf } from './report-pdf';
