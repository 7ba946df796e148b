// The platform's own connect and sign-up buttons. Xero asks apps to use its "Connect to Xero" button
// (docs/platforms/xero.md, Branding): Xero blue, white label, the round mark on the left, the exact
// wording. The mark here is drawn by us in SVG (no copied artwork); MYOB's button keeps MYOB's purple.
import type { ButtonHTMLAttributes } from 'react';

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  platform: 'xero' | 'myob';
  label: string;
}

export function PlatformButton({ platform, label, className, ...rest }: Props) {
  return (
    <button type="button" className={`platform-button platform-${platform} ${className ?? ''}`} {...rest}>
      <PlatformMark platform={platform} />
      <span>{label}</span>
    </button>
  );
}

export function PlatformMark({ platform }: { platform: 'xero' | 'myob' }) {
  if (platform === 'xero') {
    return (
      <svg className="platform-mark" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        <circle cx="12" cy="12" r="11" fill="#fff" />
        <path
          d="M7.5 7.5 16.5 16.5M16.5 7.5 7.5 16.5"
          stroke="#0078c8"
          strokeWidth="2.6"
          strokeLinecap="round"
        />
      </svg>
    );
  }
  return (
    <svg className="platform-mark" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <rect x="1" y="1" width="22" height="22" rx="5" fill="#fff" />
      <path d="M6 17V8l6 6 6-6v9" fill="none" stroke="#6100a5" strokeWidth="2.4" strokeLinejoin="round" />
    </svg>
  );
}
