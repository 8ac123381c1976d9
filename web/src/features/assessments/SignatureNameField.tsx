import type { Ref } from 'react';
import { useSession } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';

/** The typed-name signature of a clinical record: the signer's own name, as their account says it. */
export function SignatureNameField({
  value,
  onChange,
  error,
  inputRef,
}: {
  value: string;
  onChange: (name: string) => void;
  error: string | null;
  inputRef: Ref<HTMLInputElement>;
}) {
  const { me } = useSession();
  return (
    <Field
      label="Type your full name to sign"
      hint={`As on your account: ${me.user.displayName} (titles such as Dr and credentials such as MD optional)`}
      error={error ?? undefined}
    >
      {(p) => (
        <input
          {...p}
          ref={inputRef}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoComplete="name"
          required
        />
      )}
    </Field>
  );
}
