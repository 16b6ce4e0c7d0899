// The job registry: every kind a module enqueues or handles has a payload schema, and a payload
// that does not match it is refused as a permanent failure (never cast and half-run).
import { describe, expect, it } from 'vitest';
import { DIGEST_JOB } from '../modules/analytics/digest';
import { COMPLAINT_CHANGED_JOB, COMPLAINT_MAIL_JOB } from '../modules/complaints/service';
import { RECOMPUTE_JOB, TIMER_JOB } from '../modules/complaints/sla/repo';
import { IMPORT_JOB } from '../modules/customers/import/service';
import { TX_IMPORT_JOB } from '../modules/retention/import';
import { REFIT_JOB } from '../modules/retention/model';
import { FOLLOWUP_JOB } from '../modules/retention/service';
import { INVITE_JOB, REMIND_JOB } from '../modules/surveys/channels';
import { RESPONSE_IMPORT_JOB } from '../modules/surveys/import-responses/service';
import { WEBHOOK_JOB } from '../modules/surveys/webhooks';
import { isKnownKind, JOB_PAYLOADS } from './kinds';
import { PermanentJobError, parsePayload } from './queue';

describe('job kinds', () => {
  it('lists every kind the modules use', () => {
    const used = [
      COMPLAINT_CHANGED_JOB,
      COMPLAINT_MAIL_JOB,
      RECOMPUTE_JOB,
      TIMER_JOB,
      IMPORT_JOB,
      TX_IMPORT_JOB,
      REFIT_JOB,
      FOLLOWUP_JOB,
      INVITE_JOB,
      REMIND_JOB,
      WEBHOOK_JOB,
      RESPONSE_IMPORT_JOB,
      'survey.followup',
      DIGEST_JOB,
      'panels.invite',
      'panels.optin',
      'performance.recognition',
    ];
    expect(used.filter((k) => !isKnownKind(k))).toEqual([]);
    expect(Object.keys(JOB_PAYLOADS).sort()).toEqual([...new Set(used)].sort());
  });

  it('parses a good payload (extra fields kept) and refuses a bad one permanently', () => {
    expect(parsePayload('retention.refit', { runId: 'r1', extra: 1 })).toEqual({
      runId: 'r1',
      extra: 1,
    });
    expect(() => parsePayload('retention.refit', {})).toThrow(PermanentJobError);
    expect(() => parsePayload('retention.refit', { runId: 7 })).toThrow(/runId/);
    expect(() => parsePayload('complaint.mail', null)).toThrow(PermanentJobError);
    expect(() =>
      parsePayload('retention.followup', { actionId: 'a', customerId: 'c', pAlive: 'high' }),
    ).toThrow(/pAlive/);
  });

  it('hands a kind without a schema its payload as stored', () => {
    const p = { anything: [1, 2] };
    expect(parsePayload('test.free', p)).toBe(p);
  });
});
