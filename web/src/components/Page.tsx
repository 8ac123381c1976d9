import { type ReactNode, useEffect, useRef } from 'react';

let firstPage = true;

/**
 * Every page starts with this: it sets the document title and, after a navigation (not on first load),
 * moves focus to the page heading so screen-reader and keyboard users start at the new content.
 */
export function Page({
  title,
  intro,
  children,
  actions,
}: {
  title: string;
  intro?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Palpa`;
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, [title]);
  return (
    <div className="page">
      <div className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {intro ? <div className="page-intro">{intro}</div> : null}
      {children}
    </div>
  );
}
