/**
 * Where an SMS provider plugs in. Palpa ships e-mail; a deployment that wants text-message reminders and intake
 * links by text passes an implementation (Twilio, Vonage, an SMS gateway…) in `AppDeps.sms`. Messages carry a
 * time, a place and a link — never health data.
 */
export interface SmsSender {
  send(message: { to: string; text: string; clinicId?: string }): Promise<void>;
}
