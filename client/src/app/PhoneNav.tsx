/** On a phone, search, canvas and details take the screen in turn; this bar switches between them. */
export type Screen = 'search' | 'canvas' | 'details';

const SCREENS: { key: Screen; label: string }[] = [
  { key: 'search', label: 'Search' },
  { key: 'canvas', label: 'Canvas' },
  { key: 'details', label: 'Details' },
];

export function PhoneNav({ screen, onScreen }: { screen: Screen; onScreen(s: Screen): void }) {
  return (
    <nav className="phone-nav" aria-label="Screens">
      {SCREENS.map((s) => (
        <button key={s.key} aria-pressed={screen === s.key} onClick={() => onScreen(s.key)}>
          {s.label}
        </button>
      ))}
    </nav>
  );
}
