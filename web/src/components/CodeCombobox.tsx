// The searchable dropdown for ledger codes (accounts, tax rates, tracking options): type to filter by code
// or name, arrows to move, Enter to pick, Escape to close. The menu is virtualised, so a chart of 5,000
// accounts opens and filters as smoothly as one of 20. It marks its own timing for the benchmark:
// `mapping-dropdown-open-ms` (menu asked for -> menu rendered) and `mapping-filter-ms` (keystroke ->
// filtered list rendered).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCombobox } from 'downshift';
import { memo, useLayoutEffect, useMemo, useRef, useState } from 'react';

export interface CodeOption {
  /** The value saved: an account or tax code, or a tracking option name. */
  value: string;
  /** The code, in a fixed-width font: first, or second when `nameFirst`. */
  code: string;
  name: string;
  /** A short note after the name, e.g. "archived". */
  note?: string;
  /**
   * The name is what people know it by and the code is the platform's internal identifier (Xero's tax
   * types, such as OUTPUT): show "GST on Income (10%)" first and the identifier only as secondary text.
   */
  nameFirst?: boolean;
  /** The name alone, without the rate after it: typing it exactly picks this option. */
  plainName?: string;
  /** Among equally good matches, lower comes first (e.g. a rate that charges the tax before a free one). */
  rank?: number;
}

interface Props {
  id: string;
  /** Accessible name, e.g. "Account for Office Sydney". */
  label: string;
  options: CodeOption[];
  value: string | null;
  onChange: (value: string | null) => void;
  /** What the empty choice says: "No account", "Use the default". */
  emptyLabel: string;
  invalid?: boolean;
  describedBy?: string | undefined;
  disabled?: boolean;
  /** Offer what was typed as a code of its own (import files: there is no chart to choose from). */
  allowCustom?: boolean;
}

const ROW_HEIGHT = 34;
const MENU_HEIGHT = 280;
const NONE: CodeOption = { value: '', code: '', name: '' };

/** Each option's search text, built once per list (and shared by every dropdown using that list). */
const searchCache = new WeakMap<
  CodeOption[],
  { option: CodeOption; index: number; text: string; code: string; name: string; plain: string }[]
>();
function searchableOf(options: CodeOption[]) {
  let found = searchCache.get(options);
  if (!found) {
    found = options.map((o, index) => ({
      option: o,
      index,
      text: `${o.code} ${o.name}`.toLowerCase(),
      code: o.code.toLowerCase(),
      name: o.name.toLowerCase(),
      plain: (o.plainName ?? o.name).toLowerCase(),
    }));
    searchCache.set(options, found);
  }
  return found;
}

/**
 * How well an option matches what was typed, best first: the exact code, the exact name, a code that
 * starts with it, a name that starts with it, a word of the name that starts with it, anywhere. So `220`
 * puts account 220 before 1220, and `GST` puts the GST code before "FRE · GST Free".
 */
function matchTier(s: ReturnType<typeof searchableOf>[number], needle: string): number {
  if (s.code === needle) return 0;
  if (s.plain === needle || s.name === needle) return 1;
  if (s.code.startsWith(needle)) return 2;
  if (s.name.startsWith(needle)) return 3;
  if (s.name.includes(` ${needle}`)) return 4;
  return 5;
}

/** The options matching every typed word, best match first (then the option's rank, then list order). */
export function filterOptions(options: CodeOption[], typed: string): CodeOption[] {
  const needle = typed.trim().toLowerCase();
  if (!needle) return options;
  const words = needle.split(/\s+/);
  return searchableOf(options)
    .filter((s) => words.every((w) => s.text.includes(w)))
    .map((s) => ({ s, tier: matchTier(s, needle) }))
    .sort(
      (a, b) => a.tier - b.tier || (a.s.option.rank ?? 0) - (b.s.option.rank ?? 0) || a.s.index - b.s.index,
    )
    .map(({ s }) => s.option);
}

function markOpen() {
  performance.clearMarks('mapping-dropdown-open');
  performance.mark('mapping-dropdown-open');
}

function markMeasure(start: string, measure: string) {
  if (performance.getEntriesByName(start, 'mark').length === 0) return;
  performance.measure(measure, start);
  performance.clearMarks(start);
}

function display(option: CodeOption | null): string {
  if (!option || option.value === '') return '';
  if (option.nameFirst && option.name) return option.name;
  return option.name && option.name !== option.code ? `${option.code} · ${option.name}` : option.code;
}

export const CodeCombobox = memo(function CodeCombobox({
  id,
  label,
  options,
  value,
  onChange,
  emptyLabel,
  invalid = false,
  describedBy,
  disabled = false,
  allowCustom = false,
}: Props) {
  const [filter, setFilter] = useState('');
  const items = useMemo(() => {
    const typed = filter.trim();
    if (!typed) return [NONE, ...options];
    const found = filterOptions(options, typed);
    if (allowCustom && !found.some((o) => o.value === typed)) {
      found.push({ value: typed, code: typed, name: '', note: 'use this code' });
    }
    return found;
  }, [filter, options, allowCustom]);

  const selectedItem = useMemo(() => {
    if (!value) return NONE;
    return (
      options.find((o) => o.value === value) ?? {
        value,
        code: value,
        name: '',
        note: 'not offered by the ledger',
      }
    );
  }, [options, value]);

  const listRef = useRef<HTMLUListElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 320, height: MENU_HEIGHT },
  });

  const { isOpen, highlightedIndex, getInputProps, getMenuProps, getItemProps, getToggleButtonProps } =
    useCombobox<CodeOption>({
      id,
      items,
      selectedItem,
      itemToString: display,
      itemToKey: (item) => item?.value ?? '',
      // Downshift keeps the typed text itself (a controlled copy here would drop fast keystrokes).
      onInputValueChange: ({ inputValue: next, type }) => {
        if (type === useCombobox.stateChangeTypes.InputChange) setFilter(next);
      },
      onIsOpenChange: ({ isOpen: open }) => {
        if (!open) setFilter('');
      },
      onSelectedItemChange: ({ selectedItem: picked }) => {
        const next = picked && picked.value !== '' ? picked.value : null;
        if (next !== value) onChange(next);
      },
      onHighlightedIndexChange: ({ highlightedIndex: index, type }) => {
        if (index >= 0 && type !== useCombobox.stateChangeTypes.ItemMouseMove) {
          virtualizer.scrollToIndex(index, { align: 'auto' });
        }
      },
      // The virtualiser scrolls; Downshift's own scrolling would look for rows that are not rendered.
      scrollIntoView: () => {},
      stateReducer: (state, action) => {
        const { type, changes } = action;
        const types = useCombobox.stateChangeTypes;
        switch (type) {
          // Escape closes the menu and undoes typing, but never clears a saved code by accident.
          case types.InputKeyDownEscape:
            return { ...changes, selectedItem: state.selectedItem, inputValue: display(state.selectedItem) };
          // Typing highlights the best match, so Enter picks what the person sees highlighted.
          case types.InputChange:
            return { ...changes, highlightedIndex: (action.inputValue ?? '').trim() ? 0 : -1 };
          // Enter with nothing highlighted picks the best match; with no match it picks nothing and the
          // menu stays open saying so, rather than leaving the typed text in the box as if it were chosen.
          case types.InputKeyDownEnter: {
            if (!state.inputValue.trim()) return changes;
            const picked = items[state.highlightedIndex] ?? items[0];
            if (!picked) return { ...state, isOpen: true };
            return {
              ...changes,
              isOpen: false,
              highlightedIndex: -1,
              selectedItem: picked,
              inputValue: display(picked),
            };
          }
          // Leaving the box without picking shows the saved code again, never an unsaved typed text.
          case types.InputBlur:
            return changes.selectedItem === undefined || changes.selectedItem === state.selectedItem
              ? { ...changes, inputValue: display(state.selectedItem) }
              : changes;
          default:
            return changes;
        }
      },
    });

  // The measures end once the rows are in the DOM.
  useLayoutEffect(() => {
    if (isOpen) markMeasure('mapping-dropdown-open', 'mapping-dropdown-open-ms');
  }, [isOpen]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filtered list is exactly what ends the measure.
  useLayoutEffect(() => {
    if (isOpen) markMeasure('mapping-filter', 'mapping-filter-ms');
  }, [items, isOpen]);

  const virtualItems = isOpen ? virtualizer.getVirtualItems() : [];
  return (
    <div className={`combobox${isOpen ? ' combobox-open' : ''}`}>
      <div className="combobox-control">
        <input
          {...getInputProps({
            // The timings start at the person's own action (Downshift reports changes after rendering).
            onKeyDown: (event) => {
              if (!isOpen && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) markOpen();
            },
            onClick: () => {
              if (!isOpen) markOpen();
            },
            onChange: () => {
              if (!isOpen) markOpen();
              performance.mark('mapping-filter');
            },
            'aria-label': label,
            'aria-invalid': invalid,
            'aria-describedby': describedBy,
            placeholder: emptyLabel,
            disabled,
            spellCheck: false,
            autoComplete: 'off',
          })}
        />
        <button
          type="button"
          className="combobox-toggle"
          {...getToggleButtonProps({
            'aria-label': `Show choices for ${label}`,
            disabled,
            onClick: () => {
              if (!isOpen) markOpen();
            },
          })}
        >
          <span aria-hidden="true">▾</span>
        </button>
      </div>
      <ul
        {...getMenuProps({ ref: listRef, 'aria-label': label })}
        className="combobox-menu"
        hidden={!isOpen}
        style={{ maxHeight: MENU_HEIGHT }}
      >
        {isOpen && items.length === 0 ? <li className="combobox-empty">No codes match “{filter}”.</li> : null}
        {isOpen ? (
          <li role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            <ul role="presentation" className="combobox-rows">
              {virtualItems.map((row) => {
                const item = items[row.index]!;
                const highlighted = highlightedIndex === row.index;
                const selected = item.value === (value ?? '');
                return (
                  <li
                    key={row.index}
                    {...getItemProps({ item, index: row.index })}
                    className={`combobox-option${highlighted ? ' is-highlighted' : ''}${selected ? ' is-selected' : ''}`}
                    style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                  >
                    {item.value === '' ? (
                      <span className="muted">{emptyLabel}</span>
                    ) : (
                      <>
                        {item.nameFirst ? (
                          <>
                            <span className="combobox-name">{item.name}</span>
                            <span className="combobox-code combobox-secondary">{item.code}</span>
                          </>
                        ) : (
                          <>
                            <span className="combobox-code">{item.code}</span>
                            <span className="combobox-name">{item.name}</span>
                          </>
                        )}
                        {item.note ? <span className="combobox-note">{item.note}</span> : null}
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        ) : null}
      </ul>
    </div>
  );
});
