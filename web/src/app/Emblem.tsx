// The product mark: a simple seal-like emblem drawn inline (no image request, crisp at any size).
export function Emblem({ size = 30 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <circle cx="16" cy="16" r="15" fill="#ffffff" />
      <circle cx="16" cy="16" r="12.5" fill="none" stroke="#c8102e" strokeWidth="2" />
      <path d="M16 7.5l2.2 4.6 5 .7-3.6 3.5.9 5-4.5-2.4-4.5 2.4.9-5-3.6-3.5 5-.7z" fill="#c8102e" />
      <rect x="10" y="22" width="12" height="2" rx="1" fill="#c8102e" />
    </svg>
  );
}
