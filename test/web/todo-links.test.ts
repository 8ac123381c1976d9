import { describe, expect, it } from 'vitest';
import { todoItem } from '../../src/modules/clinical/schemas.ts';
import { TODO_KINDS, type TodoItem, todoLink } from '../../web/src/features/todo/items.ts';

const patientId = '01a21ff9-43e3-75c2-9160-b17484813581';
const item = (kind: TodoItem['kind'], href: string): TodoItem => ({
  kind,
  patientId,
  patientName: 'Ana Lopez',
  resourceType: 'treatment_plan',
  resourceId: '01a21ff9-4757-7244-a340-7abc5ce6d0c8',
  dueOn: null,
  since: null,
  message: '',
  href,
});

describe('to-do items', () => {
  it('open the page the server names for each kind, never one built in the browser', () => {
    const pages: [TodoItem['kind'], string][] = [
      ['unsigned_note', `/patients/${patientId}/notes/n1`],
      ['undocumented_visit', `/patients/${patientId}/notes/new?appointmentId=a1`],
      ['re_evaluation_due', `/patients/${patientId}/assessments/new?kind=re_evaluation`],
      // Not an evaluation: the report to the physician.
      ['progress_report_due', `/patients/${patientId}/reports?new=progress_report&referralId=r1`],
      ['recertification_due', `/patients/${patientId}/plan`],
    ];
    for (const [kind, href] of pages) expect(todoLink(item(kind, href)), kind).toBe(href);
  });

  it('have a badge for every kind the server sends, the therapist’s own undone work as a warning', () => {
    expect(Object.keys(TODO_KINDS).sort()).toEqual([...todoItem.shape.kind.options].sort());
    expect(TODO_KINDS.undocumented_visit).toEqual({ label: 'No note', tone: 'warning' });
    expect(TODO_KINDS.unsigned_note.tone).toBe('warning');
    expect(TODO_KINDS.progress_report_due.tone).toBe('info');
  });
});
