// Complaint cases: intake core, classification, the state machine, timeline, notes/messages,
// response and remedy, customer decision, closing with root cause, rating, assignment.
//
// API FOR OTHER MODULES (SLA timers, web pages) — import only from this file:
//  - onComplaintChange(name, listener): `listener(tx, change)` runs INSIDE the transaction of
//    every change (created, status, classified, assigned, waiting, resumed, message_in,
//    message_out, response, decision, closed, rated, reopened …). Registering twice under the
//    same name replaces. Throwing rolls the change back. `change.case` is the case AFTER it.
//  - COMPLAINT_CHANGED_JOB ('complaint.changed'): when a handler is registered for this kind,
//    every change also enqueues one job (same transaction) with payload
//    { caseId, kind, from, to, eventId } — durable, for work that must survive a crash.
//  - getCaseForSystem(db, orgId, id), addSystemEvent(db, orgId, id, {kind, body, data}) for
//    'sla.warning' / 'sla.breach' / 'escalated' timeline entries, setExpectedResponse(db, orgId,
//    id, at) (used by the acknowledgement mail), reassignForSystem(db, orgId, id, userId|null),
//    unitManager(db, orgId, unitId), isOpen(status), OPEN_STATUSES, waitingSince on the case
//    (SLA clocks pause while it is set: a customer message was sent with awaitReply and the
//    customer has not answered yet).
// The sections live in their own files (events, scope, create, read, workflow, assignment,
// notes, closing, public-link); this file is the module's one public surface and re-exports them.
import * as customers from '../customers/service';
import './errors';
import { eraseCustomerContact } from './repo';
import { isOpen } from './states';
import { timelineFor } from './timeline';

export { OPEN_STATUSES } from '@fidelia/contracts';
export {
  assign,
  assignmentView,
  declareConflict,
  listStaff,
  reassignForSystem,
} from './assignment';
export { close, decide, respond } from './closing';
export { createCase, formatReference, type TCreated, type TNewCase } from './create';
export {
  type Actor,
  actorOf,
  COMPLAINT_CHANGED_JOB,
  COMPLAINT_MAIL_JOB,
  type ComplaintChange,
  type ComplaintListener,
  customerActor,
  onComplaintChange,
  systemActor,
} from './events';
export { addNote, addSystemEvent, customerMessage } from './notes';
export { publicDecision, publicView, rate } from './public-link';
export {
  answerCustomerMatch,
  deleteView,
  getCaseDetail,
  listAll,
  listCases,
  listFilter,
  listViews,
  saveView,
} from './read';
export type { TCase, TEvent } from './repo';
export { attachmentFor, caseFor, getCaseForSystem, unitManager } from './scope';
export { classify, markAcknowledged, setExpectedResponse, transition } from './workflow';
export { isOpen, timelineFor };

customers.registerTimelineSource('complaints', timelineFor);
customers.onCustomerErased('complaints', eraseCustomerContact);

/**
 * Service attributes (migration 380: catalogue ids): cases per attribute id, the texts not linked
 * yet, the catalogue sync's linking step, and whether a case cites an attribute.
 */
export {
  attributeCited,
  serviceAttributeCounts,
  unlinkedServiceAttributes,
} from './repo-attributes';
// Period reports for the analytics screens (analytics/complaints-report.ts).
export { report as periodReport, reportWithDays as periodReportWithDays } from './reports';
export { linkServiceAttributes, resolveServiceAttribute } from './service-attribute';
export { complianceReport } from './sla/service';
