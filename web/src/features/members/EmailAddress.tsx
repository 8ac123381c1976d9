import { Fragment } from 'react';
import { emailBreaks } from './email-breaks.ts';
import './members.css';

/** An address that wraps only at its natural break points, in a cell with class `email-cell`. */
export function EmailAddress({ email }: { email: string }) {
  let offset = 0;
  return emailBreaks(email).map((piece) => {
    const at = offset;
    offset += piece.length;
    return (
      <Fragment key={at}>
        {at > 0 ? <wbr /> : null}
        {piece}
      </Fragment>
    );
  });
}
