import { zodResolver } from '@hookform/resolvers/zod';
import QRCode from 'qrcode';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import type { z } from 'zod';
import { totpEnableBody } from '../../../../src/modules/auth/schemas.ts';
import { ApiError, messageOf } from '../../api/client.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useRefreshMe, useSession } from '../../app/session.tsx';
import { Field } from '../../components/Field.tsx';
import { applyApiError } from '../../components/forms.ts';
import { Page } from '../../components/Page.tsx';
import { Alert } from '../../components/Status.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

/** Two-factor enrolment: scan the QR code (or type the secret), confirm with a code, keep the recovery codes. */
export function TwoFactorPage() {
  const { me, clinic } = useSession();
  const [codes, setCodes] = useState<string[] | null>(null);
  const required = clinic?.mfaEnrollmentRequired;
  return (
    <Page title="Set up two-factor sign-in">
      <div className="narrow-wide stack">
        {required ? (
          <Alert tone="warning">
            {clinic.name} requires two-factor sign-in for staff. Set it up to continue working in Palpa: it
            takes about two minutes and needs an authenticator app on your phone.
          </Alert>
        ) : null}
        {codes ? (
          <section className="card" aria-labelledby="recovery-heading">
            <Alert tone="success">Two-factor sign-in is on.</Alert>
            <RecoveryCodes codes={codes} />
            <p>
              <Link className="button" to="/">
                I have saved my codes — continue
              </Link>
            </p>
          </section>
        ) : me.user.totpEnabled ? (
          <section className="card">
            <p>Two-factor sign-in is already on for your account.</p>
            <p>
              <Link to="/account">Manage it in My account</Link>
            </p>
          </section>
        ) : (
          <Enrolment onEnabled={setCodes} />
        )}
      </div>
    </Page>
  );
}

function Enrolment({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const refreshMe = useRefreshMe();
  const [setup, setSetup] = useState<{ secret: string; qr: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const form = useForm<z.infer<typeof totpEnableBody>>({
    resolver: zodResolver(totpEnableBody),
    defaultValues: { code: '' },
  });

  async function start() {
    setStarting(true);
    setError(null);
    try {
      const result = await endpoints.totpSetup();
      const qr = await QRCode.toDataURL(result.otpauthUri, { margin: 1, width: 220 });
      setSetup({ secret: result.secret, qr });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setStarting(false);
    }
  }

  const onSubmit = form.handleSubmit(async ({ code }) => {
    setError(null);
    try {
      const { recoveryCodes } = await endpoints.totpEnable(code);
      onEnabled(recoveryCodes);
      await refreshMe();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'invalid_totp') {
        form.setError('code', { type: 'server', message: e.message }, { shouldFocus: true });
      } else setError(applyApiError(e, form.setError, ['code']));
    }
  });

  if (!setup) {
    return (
      <section className="card">
        <p>
          You will need an authenticator app on your phone, such as Google Authenticator, Microsoft
          Authenticator, 1Password or Aegis. After your password, Palpa will ask for the 6-digit code the app
          shows.
        </p>
        <Alert>{error}</Alert>
        <button type="button" className="button" onClick={start} disabled={starting}>
          {starting ? 'Starting…' : 'Begin set-up'}
        </button>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="scan-heading">
      <h2 id="scan-heading">1. Add Palpa to your authenticator app</h2>
      <div className="totp-setup">
        <img
          src={setup.qr}
          width={220}
          height={220}
          alt="QR code to scan with your authenticator app"
          className="qr"
        />
        <div>
          <p>
            Scan the QR code with the app. If you cannot scan, choose “enter a setup key” in the app and type
            this key:
          </p>
          <p>
            <code className="secret" data-testid="totp-secret">
              {setup.secret}
            </code>
          </p>
        </div>
      </div>
      <h2>2. Enter the code the app shows</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <Alert>{error}</Alert>
        <Field label="6-digit code" error={form.formState.errors.code?.message}>
          {(p) => (
            <input
              {...p}
              {...form.register('code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              className="input-code"
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? 'Checking…' : 'Turn on two-factor sign-in'}
          </button>
        </div>
      </form>
    </section>
  );
}
