import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { unscoredQuestionnairesBlock } from '../../../../src/domain/outcomes/drafts.ts';
import { useClinic, useSession } from '../../app/session.tsx';
import { formatDateTime, formatDay } from '../../components/format.ts';
import { cachedFromEarlierVisit } from '../../components/fresh-copy.ts';
import { Page } from '../../components/Page.tsx';
import { LoadError, Loading } from '../../components/Status.tsx';
import { BodyChart } from '../body-chart/BodyChart.tsx';
import { EditorSafetyFlags } from '../chart/SafetyHeader.tsx';
import { AdministerForm } from '../outcomes/AdministerForm.tsx';
import { outcomesApi } from '../outcomes/api.ts';
import type { QuestionnaireDraft } from '../outcomes/drafts.ts';
import { OutcomeResult } from '../outcomes/OutcomeResult.tsx';
import { usePatientTitle } from '../patients/usePatientTitle.ts';
import { AssessmentReadOnly, FIELD_LABELS, type TEXT_FIELDS } from './AssessmentReadOnly.tsx';
import { KIND_LABELS } from './AssessmentStartPage.tsx';
import { type Assessment, type AssessmentContent, type AssessmentDraftPatch, assessmentsApi } from './api.ts';
import {
  incompleteRowsBlock,
  RomEditor,
  type RomRow,
  romProblem,
  romRowsOf,
  validRom,
} from './RomEditor.tsx';
import { DiscardDraft, SaveStatus, SignPanel } from './record.tsx';
import {
  TriggerPointEditor,
  type TriggerPointRow,
  triggerPointRowsOf,
  validTriggerPoints,
} from './TriggerPointEditor.tsx';
import { filled, useDraftAutosave } from './useDraftAutosave.ts';

/** An initial evaluation / re-evaluation: a draft that autosaves, then signed and read-only with amendments. */
export function AssessmentPage() {
  const clinic = useClinic();
  const { me } = useSession();
  const { patientId = '', assessmentId = '' } = useParams();
  const titled = usePatientTitle(patientId);
  const queryClient = useQueryClient();
  const key = ['assessment', clinic.id, patientId, assessmentId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => assessmentsApi.get(clinic.id, patientId, assessmentId),
  });
  if (query.isPending || cachedFromEarlierVisit(query)) return <Loading />;
  if (query.isError)
    return (
      <Page title="Evaluation">
        <LoadError error={query.error} retry={() => query.refetch()} />
      </Page>
    );
  const a = query.data;
  const update = (next: Assessment) => queryClient.setQueryData(key, next);
  return (
    <Page
      title={titled(`${KIND_LABELS[a.kind]} — ${formatDay(a.assessedOn)}`)}
      intro={
        <p>
          <Link to={`/patients/${patientId}`}>Back to the chart</Link> · by {a.author.name} ·{' '}
          {a.status === 'signed'
            ? `signed ${formatDateTime(a.signedAt, clinic.timeZone)} as “${a.signatureTypedName}”`
            : 'draft'}
        </p>
      }
    >
      {a.status === 'draft' ? (
        <>
          <AssessmentEditor key={a.id} assessment={a} onUpdate={update} />
          {a.author.userId === me.user.id ? (
            <DiscardDraft
              what="evaluation"
              onDiscard={() => assessmentsApi.discard(clinic.id, patientId, a.id)}
              then={`/patients/${patientId}`}
            />
          ) : null}
        </>
      ) : (
        <AssessmentReadOnly assessment={a} onUpdate={update} />
      )}
    </Page>
  );
}

function AssessmentEditor({
  assessment: a,
  onUpdate,
}: {
  assessment: Assessment;
  onUpdate: (a: Assessment) => void;
}) {
  const clinic = useClinic();
  const id = useId();
  const [content, setContent] = useState<AssessmentContent>(a.content);
  const [romRows, setRomRows] = useState<RomRow[]>(() => romRowsOf(a.content.rom));
  const [tpRows, setTpRows] = useState<TriggerPointRow[]>(() =>
    triggerPointRowsOf(a.content.palpation?.triggerPoints),
  );
  const [outcomes, setOutcomes] = useState(a.outcomes);
  const autosave = useDraftAutosave({
    save: (patch, options) =>
      assessmentsApi.save(clinic.id, a.patientId, a.id, patch as AssessmentDraftPatch, options),
    // The page's copy follows what is saved: coming back to the draft (within the app) opens it as saved.
    onSaved: onUpdate,
  });
  const instruments = useQuery({
    queryKey: ['instruments', clinic.id],
    queryFn: () => outcomesApi.instruments(clinic.id),
  });

  const change = (next: AssessmentContent, path: string) => {
    setContent(next);
    autosave.changed(next as Record<string, unknown>, [path]);
  };
  /** The questionnaires begun and not scored: the whole list is saved (none left: the field is cleared). */
  const setQuestionnaires = (questionnaires: QuestionnaireDraft[]) =>
    change(
      {
        ...content,
        questionnaires:
          questionnaires.length > 0 ? (questionnaires as AssessmentContent['questionnaires']) : undefined,
      },
      'questionnaires',
    );
  // An emptied field is cleared (autosave sends null), not kept as it was.
  const setText = (field: (typeof TEXT_FIELDS)[number], value: string) =>
    change({ ...content, [field]: filled(value) }, field);
  const setPalpation = (field: string, value: string) =>
    change({ ...content, palpation: { ...content.palpation, [field]: filled(value) } }, `palpation.${field}`);

  const textArea = (field: (typeof TEXT_FIELDS)[number], rows = 3) => (
    <div className="field" key={field}>
      <label htmlFor={`${id}-${field}`}>{FIELD_LABELS[field]}</label>
      <textarea
        id={`${id}-${field}`}
        rows={rows}
        value={(content[field] as string | undefined) ?? ''}
        onChange={(e) => setText(field, e.target.value)}
      />
    </div>
  );

  const palpationText = (f: 'tenderness' | 'texture' | 'notes') => (
    <div className="field">
      <label htmlFor={`${id}-p-${f}`}>{FIELD_LABELS[`palpation.${f}`]}</label>
      <textarea
        id={`${id}-p-${f}`}
        rows={2}
        value={content.palpation?.[f] ?? ''}
        onChange={(e) => setPalpation(f, e.target.value)}
      />
    </div>
  );

  return (
    <div className="record-editor">
      <div className="sticky-status">
        <SaveStatus state={autosave.state} />
      </div>
      <EditorSafetyFlags patientId={a.patientId} />
      <section className="card" aria-labelledby={`${id}-history`}>
        <h2 id={`${id}-history`}>Complaint, posture and gait</h2>
        {textArea('chiefComplaint', 2)}
        {textArea('posture')}
        {textArea('gait')}
      </section>
      <section className="card" aria-labelledby={`${id}-palp`}>
        <h2 id={`${id}-palp`}>Palpation</h2>
        <div className="field-grid">
          <div className="field">
            <label htmlFor={`${id}-tone`}>Tone</label>
            <select
              id={`${id}-tone`}
              value={content.palpation?.tone ?? ''}
              onChange={(e) => setPalpation('tone', e.target.value)}
            >
              <option value="">Not recorded</option>
              {['hypotonic', 'normal', 'hypertonic', 'mixed'].map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-temp`}>Temperature</label>
            <select
              id={`${id}-temp`}
              value={content.palpation?.temperature ?? ''}
              onChange={(e) => setPalpation('temperature', e.target.value)}
            >
              <option value="">Not recorded</option>
              {['cool', 'normal', 'warm', 'mixed'].map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </div>
        </div>
        {palpationText('tenderness')}
        {palpationText('texture')}
        <section aria-labelledby={`${id}-tp`}>
          <h3 id={`${id}-tp`}>Trigger points</h3>
          <TriggerPointEditor
            rows={tpRows}
            onChange={(rows) => {
              setTpRows(rows);
              const triggerPoints = validTriggerPoints(rows);
              // A row without a region yet changes nothing that is stored.
              if (JSON.stringify(triggerPoints) === JSON.stringify(content.palpation?.triggerPoints ?? []))
                return;
              // No complete row left: the stored list is cleared (autosave sends null).
              change(
                {
                  ...content,
                  palpation: {
                    ...content.palpation,
                    triggerPoints: triggerPoints.length ? triggerPoints : undefined,
                  },
                },
                'palpation.triggerPoints',
              );
            }}
          />
        </section>
        {palpationText('notes')}
      </section>
      <section className="card" aria-labelledby={`${id}-chart`}>
        <h2 id={`${id}-chart`}>Body chart</h2>
        <BodyChart
          findings={content.bodyChart ?? []}
          onChange={(bodyChart) => change({ ...content, bodyChart }, 'bodyChart')}
        />
      </section>
      <section className="card" aria-labelledby={`${id}-rom`}>
        <h2 id={`${id}-rom`}>Range of motion</h2>
        <RomEditor
          rows={romRows}
          onChange={(rows) => {
            setRomRows(rows);
            change({ ...content, rom: validRom(rows) }, 'rom');
          }}
        />
      </section>
      <section className="card" aria-labelledby={`${id}-outcomes`}>
        <h2 id={`${id}-outcomes`}>Outcome measures</h2>
        {outcomes.map((o) => (
          <OutcomeResult key={o.id} result={o} />
        ))}
        {instruments.data ? (
          <AdministerForm
            patientId={a.patientId}
            instruments={instruments.data.items}
            link={{ assessmentId: a.id }}
            onDone={(r) => setOutcomes((list) => [...list, r])}
            drafts={a.content.questionnaires}
            onDraftsChange={setQuestionnaires}
            beforeScore={autosave.flush}
          />
        ) : (
          <Loading />
        )}
      </section>
      <section className="card" aria-labelledby={`${id}-impression`}>
        <h2 id={`${id}-impression`}>Function and impression</h2>
        {textArea('functionalLimitations')}
        {textArea('clinicalImpression')}
        {textArea('notes', 2)}
      </section>
      <SignPanel
        what="evaluation"
        blocked={
          incompleteRowsBlock(romRows.filter((r) => romProblem(r)).length) ??
          unscoredQuestionnairesBlock(content.questionnaires)
        }
        onSign={async (typedName) => {
          await autosave.flush();
          onUpdate(await assessmentsApi.sign(clinic.id, a.patientId, a.id, typedName));
        }}
      />
    </div>
  );
}
