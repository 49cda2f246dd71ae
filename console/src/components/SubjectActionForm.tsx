// The enterprise's action on one of its records: an objection (异议) with evidence, a credit repair
// application (信用修复申请) with evidence and a credit commitment, or a statement (本人声明).
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ApplyForCreditRepairDocument, FileAdverseObjectionDocument, MakeAdverseStatementDocument } from '../gql/graphql';
import { useLanguage } from '../i18n/language';
import { failureOf } from '../graphql/refusals';
import { evidenceOf } from '../evidence';
import { ErrorMessage } from './ErrorMessage';

export type SubjectAction = 'objection' | 'repair' | 'statement';

export function SubjectActionForm({ action, recordId, label, onDone }: { action: SubjectAction; recordId: string; label: string; onDone: () => void }) {
  const { t } = useLanguage();
  const [text, setText] = useState('');
  const [commitment, setCommitment] = useState('');
  const [files, setFiles] = useState<FileList | null>(null);
  const [error, setError] = useState<string>();
  const [objection, fileObjection] = useMutation(FileAdverseObjectionDocument);
  const [repair, applyForRepair] = useMutation(ApplyForCreditRepairDocument);
  const [statement, makeStatement] = useMutation(MakeAdverseStatementDocument);
  const busy = objection.fetching || repair.fetching || statement.fetching;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    const evidence = await evidenceOf(files);
    const result =
      action === 'objection'
        ? await fileObjection({ recordId, grounds: text, evidence })
        : action === 'repair'
          ? await applyForRepair({ recordId, measures: text, evidence, commitment })
          : await makeStatement({ recordId, text });
    if (result.error) setError(failureOf(result.error));
    else onDone();
  };
  const textLabel = action === 'objection' ? t.grounds : action === 'repair' ? t.measures : t.statementText;
  const heading = action === 'objection' ? t.fileObjection : action === 'repair' ? t.applyRepair : t.makeStatement;
  return (
    <form onSubmit={(e) => void submit(e)} className="action-form" aria-label={heading} data-testid={`${action}-form`}>
      <h3>
        {heading} · {t.filedFor(label)}
      </h3>
      <label>
        {textLabel}
        <textarea value={text} onChange={(e) => setText(e.target.value)} required maxLength={action === 'statement' ? 500 : 2000} rows={3} />
      </label>
      {action === 'repair' ? (
        <label>
          {t.commitment}
          <textarea value={commitment} onChange={(e) => setCommitment(e.target.value)} required maxLength={2000} rows={3} />
        </label>
      ) : null}
      {action !== 'statement' ? (
        <label>
          {t.evidence}
          <input type="file" accept="application/pdf,image/jpeg,image/png" multiple onChange={(e) => setFiles(e.target.files)} required={action === 'repair'} />
        </label>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy}>
          {t.send}
        </button>
        <button type="button" className="link" onClick={onDone}>
          {t.cancel}
        </button>
      </div>
      <ErrorMessage message={error} />
    </form>
  );
}
