import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { unscoredQuestionnairesBlock } from '../../../../src/domain/outcomes/drafts.ts';
import { clearanceCanLift, ruledOutAdvice } from '../../../../src/domain/safety/advice.ts';
import { emptyNoteBlock } from '../../../../src/modules/session-notes/schemas.ts';
import { useClinic } from '../../app/session.tsx';
import { Alert, Loading } from '../../components/Status.tsx';
import {
  incompleteRowsBlock,
  RomEditor,
  type RomRow,
  romProblem,
  romRowsOf,
  validRom,
} from '../assessments/RomEditor.tsx';
import { SaveStatus, SignPanel } from '../assessments/record.tsx';
import { filled, useDraftAutosave } from '../assessments/useDraftAutosave.ts';
import { BodyChart } from '../body-chart/BodyChart.tsx';
import { EditorSafetyFlags } from '../chart/SafetyHeader.tsx';
import { AdministerForm } from '../outcomes/AdministerForm.tsx';
import { outcomesApi } from '../outcomes/api.ts';
import type { QuestionnaireDraft } from '../outcomes/drafts.ts';
import { OutcomeResult } from '../outcomes/OutcomeResult.tsx';
import { clinical } from '../patients/api.ts';
import { standingText } from '../plans/plan-safety.ts';
import { useNotePlan } from '../plans/queries.ts';
import { SafetyAdvice } from '../plans/SafetyAdvice.tsx';
import {
  type CarryOverField,
  type NoteContent,
  type NoteDraftPatch,
  notesApi,
  type SessionNote,
} from './api.ts';
import { NOTE_LABELS } from './fields.ts';
import {
  Carried,
  CarriedContext,
  GoalProgress,
  PainPair,
  SubjectiveFields,
  TextField,
  TreatmentDetails,
} from './NoteSections.tsx';
import { OverrideSign } from './OverrideSign.tsx';
import { offersOverride, overridableFindings, type RuledOutFinding, ruledOutFindings } from './override.ts';
import { hotColdMarks, OUTSIDE_HINT, rowSafetyMarks } from './row-safety.ts';
import { type RowDraft, rowDraftsOf, rowProblem, validRows } from './rows.ts';
import { TreatmentRows } from './TreatmentRows.tsx';
import { unitsLine } from './units-line.ts';

type Section = Exclude<keyof NoteContent, never>;

/**
 * The SOAP editor of a draft note: autosaves the changed fields, marks carried-over fields until confirmed. Each
 * treatment row says what the screening of the last save found on it, and whether it is outside the plan.
 */
export function NoteEditor({ note, onUpdate }: { note: SessionNote; onUpdate: (n: SessionNote) => void }) {
  const clinic = useClinic();
  const id = useId();
  const [content, setContent] = useState<NoteContent>(note.content);
  const [server, setServer] = useState<SessionNote>(note);
  const [rows, setRows] = useState<RowDraft[]>(() => rowDraftsOf(note.content.treatment?.rows));
  const [romRows, setRomRows] = useState<RomRow[]>(() => romRowsOf(note.content.objective?.rom));
  const [outcomes, setOutcomes] = useState(note.outcomes);
  // What the server named when it refused to sign as contraindicated (the health may have changed since the save).
  const [refusedFindings, setRefusedFindings] = useState<RuledOutFinding[] | null>(null);
  const autosave = useDraftAutosave<SessionNote>({
    save: (patch, options) =>
      notesApi.save(clinic.id, note.patientId, note.id, { content: patch as NoteDraftPatch }, options),
    // The page's copy follows what is saved: coming back to the draft (within the app) opens it as saved.
    onSaved: (saved) => {
      setServer(saved);
      setRefusedFindings(null);
      onUpdate(saved);
    },
  });
  // What the treatment is expected to stay within: the note's plan, and the referral it answers.
  const plan = useNotePlan(clinic.id, note);
  const referrals = useQuery({
    queryKey: ['patient-referrals', clinic.id, note.patientId],
    queryFn: () => clinical.patientReferrals(clinic.id, note.patientId),
    enabled: Boolean(plan.data?.referralId),
  });
  const instruments = useQuery({
    queryKey: ['instruments', clinic.id],
    queryFn: () => outcomesApi.instruments(clinic.id),
  });

  /** Sets one field; an emptied field (empty text, "Not recorded") is cleared: autosave sends null. */
  const set = <S extends Section>(section: S, field: string, value: unknown) => {
    const next = {
      ...content,
      [section]: { ...(content[section] as Record<string, unknown> | undefined), [field]: filled(value) },
    } as NoteContent;
    setContent(next);
    autosave.changed(next as Record<string, unknown>, [`${section}.${field}`]);
  };
  /** The questionnaires begun and not scored: the whole list is saved (none left: the field is cleared). */
  const setQuestionnaires = (questionnaires: QuestionnaireDraft[]) => {
    const next = {
      ...content,
      questionnaires:
        questionnaires.length > 0 ? (questionnaires as NoteContent['questionnaires']) : undefined,
    } as NoteContent;
    setContent(next);
    autosave.changed(next as Record<string, unknown>, ['questionnaires']);
  };
  const confirm = async (fields: CarryOverField[]) => {
    await autosave.flush();
    setServer(await notesApi.save(clinic.id, note.patientId, note.id, { confirmCarriedOver: fields }));
  };
  const carried = new Set(server.carriedOver.map((c) => c.field));
  const blocking = server.screening?.findings.filter((f) => f.blocking) ?? [];
  const ruledOut = blocking.length ? ruledOutAdvice(blocking, 'treatment') : null;
  const marks = rowSafetyMarks(rows, server.screening, {
    plan: plan.data?.current ?? null,
    referral: referrals.data?.items.find((r) => r.id === plan.data?.referralId) ?? null,
  });
  const outside = [...marks.values()].some((list) => list.some((m) => m.kind === 'outside'));
  const incomplete = incompleteRowsBlock(
    rows.filter((r) => rowProblem(r)).length + romRows.filter((r) => romProblem(r)).length,
  );
  const otherBlock = carried.size
    ? `Confirm or edit the ${carried.size} field${carried.size > 1 ? 's' : ''} carried over from the last note before signing.`
    : (emptyNoteBlock(content) ?? incomplete ?? unscoredQuestionnairesBlock(content.questionnaires));
  const ruledOutList = ruledOutFindings(server.screening?.findings, refusedFindings);
  const blocked =
    otherBlock ??
    (ruledOut
      ? `The treatment given includes a technique or region the patient’s health rules out. ${ruledOut} If it was really given, record why below.`
      : null);
  const sign = async (typedName: string, overrideReason?: string) => {
    await autosave.flush();
    try {
      onUpdate(await notesApi.sign(clinic.id, note.patientId, note.id, typedName, overrideReason));
    } catch (err) {
      const findings = overridableFindings(err);
      if (findings) setRefusedFindings(findings);
      throw err;
    }
  };

  return (
    <CarriedContext.Provider value={{ carried, confirm }}>
      <div className="record-editor note-editor">
        <div className="sticky-status">
          <SaveStatus state={autosave.state} />
        </div>
        <EditorSafetyFlags patientId={note.patientId} />
        {carried.size ? (
          <div className="alert alert-warning" role="status">
            <p>
              <strong>Carried over from the last note:</strong>{' '}
              {[...carried].map((f) => NOTE_LABELS[f] ?? f).join(', ')}. Check each (marked “Carried over”)
              and confirm it, or edit it.
            </p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => confirm([...carried] as CarryOverField[])}
            >
              Confirm all carried-over fields
            </button>
          </div>
        ) : null}
        <PainPair content={content} set={set} />
        <section className="card" aria-labelledby={`${id}-s`}>
          <h2 id={`${id}-s`}>S — Subjective</h2>
          <SubjectiveFields content={content} set={set} patientId={note.patientId} />
        </section>
        <section className="card" aria-labelledby={`${id}-o`}>
          <h2 id={`${id}-o`}>O — Objective</h2>
          <TextField
            label="Findings"
            path="objective.findings"
            value={content.objective?.findings}
            set={set}
          />
          <Carried field="objective.bodyChart" />
          <BodyChart
            findings={content.objective?.bodyChart ?? []}
            onChange={(bodyChart) => set('objective', 'bodyChart', bodyChart)}
          />
          <h3>Range of motion</h3>
          <RomEditor
            rows={romRows}
            onChange={(r) => {
              setRomRows(r);
              set('objective', 'rom', validRom(r));
            }}
          />
        </section>
        <section className="card" aria-labelledby={`${id}-t`}>
          <h2 id={`${id}-t`}>Treatment given</h2>
          <Carried field="treatment.rows" />
          <TreatmentRows
            rows={rows}
            marks={marks}
            onChange={(r) => {
              setRows(r);
              set('treatment', 'rows', validRows(r));
            }}
          />
          {outside ? <p className="small">{OUTSIDE_HINT}</p> : null}
          <Billing note={server} />
          {ruledOut ? (
            <Alert>
              <p>
                The screening rules out part of this treatment (marked on its rows, or beside Hot / cold):
              </p>
              <ul>
                {blocking.map((f) => (
                  <li key={f.key}>
                    <strong>{f.subject}</strong>: {f.restriction}.{' '}
                    <span className="small">{standingText(f)}</span>
                  </li>
                ))}
              </ul>
              <SafetyAdvice
                patientId={note.patientId}
                advice={ruledOut}
                liftable={blocking.some(clearanceCanLift)}
              />
            </Alert>
          ) : null}
          <TreatmentDetails
            content={content}
            set={set}
            hotColdMarks={hotColdMarks(server.screening, content.treatment?.hotCold)}
          />
        </section>
        <section className="card" aria-labelledby={`${id}-a`}>
          <h2 id={`${id}-a`}>A — Assessment</h2>
          <GoalProgress note={note} content={content} set={set} />
          <TextField
            label="Interpretation"
            path="assessment.interpretation"
            value={content.assessment?.interpretation}
            set={set}
          />
        </section>
        <section className="card" aria-labelledby={`${id}-p`}>
          <h2 id={`${id}-p`}>P — Plan</h2>
          <TextField label="Next focus" path="plan.nextFocus" value={content.plan?.nextFocus} set={set} />
          <TextField
            label="Home-care changes"
            path="plan.homeCareChanges"
            value={content.plan?.homeCareChanges}
            set={set}
          />
          <TextField
            label="Referral to another provider"
            path="plan.referral"
            value={content.plan?.referral}
            set={set}
          />
          <TextField
            label="Next visit"
            path="plan.nextVisit"
            value={content.plan?.nextVisit}
            set={set}
            rows={1}
          />
        </section>
        <section className="card" aria-labelledby={`${id}-m`}>
          <h2 id={`${id}-m`}>Outcome measures</h2>
          {outcomes.map((o) => (
            <OutcomeResult key={o.id} result={o} />
          ))}
          {instruments.data ? (
            <AdministerForm
              patientId={note.patientId}
              instruments={instruments.data.items}
              link={{ sessionNoteId: note.id }}
              onDone={(r) => setOutcomes((l) => [...l, r])}
              drafts={note.content.questionnaires}
              onDraftsChange={setQuestionnaires}
              beforeScore={autosave.flush}
            />
          ) : (
            <Loading />
          )}
        </section>
        <SignPanel what="note" blocked={blocked} onSign={(typedName) => sign(typedName)} />
        {offersOverride(ruledOutList, otherBlock) ? (
          <OverrideSign findings={ruledOutList} onSign={(typedName, reason) => sign(typedName, reason)} />
        ) : null}
      </div>
    </CarriedContext.Provider>
  );
}

/** Minutes per CPT code and the billable units, as the server computed them at the last save. */
function Billing({ note }: { note: SessionNote }) {
  const b = note.billing;
  const codes = Object.entries(b.timedMinutesByCpt);
  return (
    <div className="billing small">
      <p>
        Saved: {b.totalMinutes} minutes in total
        {codes.length ? ` · timed: ${codes.map(([c, m]) => `${c} ${m} min`).join(', ')}` : ''}
      </p>
      <p className="muted">{unitsLine(b)}</p>
    </div>
  );
}
