// The template gallery: a dialog with every template as a card (a picture of the graph, its exact parameter
// count, dataset and full-scale result), grouped by the course's chapters, searchable, and driven by the
// keyboard: type to filter, arrows move between cards, Enter opens, Escape closes. Focus stays in the search
// box (the cards are its listbox, aria-activedescendant marks the active one), so typing always filters.
import './gallery.css';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { byChapter, galleryCards, searchCards, type GalleryCard } from './galleryModel';
import { Thumbnail } from './Thumbnail';
import { useGallery } from './galleryStore';
import { openTemplateById } from '../files/fileActions';
import { chapterTitle } from '../../../shared/i18n/lessons';
import { useLessonsLanguage } from '../lesson/useLessonsLanguage';

const EN = new Intl.NumberFormat('en-US');

/** The index of the card visually above or below `from` (nearest horizontally), or `from` at an edge. */
function verticalNeighbour(list: HTMLElement, from: number, direction: 1 | -1): number {
  const cards = [...list.querySelectorAll<HTMLElement>('[role="option"]')].map((el) => el.getBoundingClientRect());
  const here = cards[from];
  if (!here) return from;
  let best = from;
  let bestScore = Infinity;
  cards.forEach((r, i) => {
    const dy = (r.top - here.top) * direction;
    if (dy <= 1) return;
    const score = dy * 1000 + Math.abs(r.left - here.left);
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

function Card({ card, active, index, onOpen, onHover }: { card: GalleryCard; active: boolean; index: number; onOpen(): void; onHover(i: number): void }) {
  const { t } = useTranslation(['editor']);
  return (
    <div
      id={`gallery-card-${card.id}`}
      role="option"
      aria-selected={active}
      className={`ll-tpl-card${active ? ' active' : ''}`}
      data-testid={`gallery-card-${card.id}`}
      data-active={active}
      title={`${card.description}\n\n${card.viewOnly ? '' : t('editor:templates.fullScalePrefix')}${card.result}${card.time ? ` (${card.time})` : ''}`}
      onClick={onOpen}
      onMouseMove={() => !active && onHover(index)}
    >
      <div className="ll-tpl-thumb">
        <Thumbnail graph={card.template.graph} />
      </div>
      <div className="ll-tpl-text">
        <div className="ll-tpl-name">
          {card.name}
          {card.viewOnly && <span className="ll-badge">{t('editor:templates.viewOnly')}</span>}
        </div>
        <div className="ll-tpl-meta">
          <span data-testid="gallery-card-params">{t('editor:templates.params', { value: EN.format(card.params) })}</span> · <span>{card.dataset}</span>
        </div>
        <div className="ll-tpl-result" data-testid="gallery-card-result">
          {card.viewOnly ? card.result : t('editor:templates.fullScale', { result: card.result })}
          {card.time && <span className="ll-tpl-time"> · {card.time}</span>}
        </div>
      </div>
    </div>
  );
}

export function TemplateGallery() {
  const open = useGallery((s) => s.open);
  const setOpen = useGallery((s) => s.setOpen);
  if (!open) return null;
  return <GalleryDialog onClose={() => setOpen(false)} />;
}

function GalleryDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation(['editor']);
  const lng = useLessonsLanguage();
  const all = useMemo(() => galleryCards(undefined, lng), [lng]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => byChapter(searchCards(all, query)), [all, query]);
  const visible = useMemo(() => groups.flatMap((g) => g.cards), [groups]);
  const current = visible[Math.min(active, visible.length - 1)];

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    if (current) document.getElementById(`gallery-card-${current.id}`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const choose = (card: GalleryCard | undefined) => {
    if (!card) return;
    onClose();
    void openTemplateById(card.id);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const last = visible.length - 1;
    const at = Math.min(active, last);
    let next: number | null = null;
    switch (e.key) {
      case 'Escape':
        e.stopPropagation();
        onClose();
        break;
      case 'Enter':
        choose(current);
        break;
      case 'ArrowRight':
        next = Math.min(last, at + 1);
        break;
      case 'ArrowLeft':
        next = Math.max(0, at - 1);
        break;
      case 'ArrowDown':
        next = listRef.current ? verticalNeighbour(listRef.current, at, 1) : at + 1;
        break;
      case 'ArrowUp':
        next = listRef.current ? verticalNeighbour(listRef.current, at, -1) : at - 1;
        break;
      case 'PageDown':
        next = last;
        break;
      case 'PageUp':
        next = 0;
        break;
      default:
        // Type to filter from anywhere in the dialog.
        if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && e.target !== inputRef.current) inputRef.current?.focus();
        return;
    }
    if (next !== null) {
      e.preventDefault();
      setActive(Math.max(0, next));
    }
  };

  let index = 0;
  return (
    <div className="ll-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="ll-modal ll-tpl" role="dialog" aria-modal="true" aria-labelledby="gallery-title" data-testid="template-gallery" onKeyDown={onKeyDown}>
        <header className="ll-tpl-head">
          <h2 id="gallery-title">{t('editor:templates.title')}</h2>
          <input
            ref={inputRef}
            type="search"
            className="ll-tpl-search"
            placeholder={t('editor:templates.searchPlaceholder')}
            aria-label={t('editor:templates.searchAria')}
            role="combobox"
            aria-expanded
            aria-controls="gallery-list"
            aria-activedescendant={current ? `gallery-card-${current.id}` : undefined}
            data-testid="gallery-search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
          />
          <span className="ll-muted ll-small" data-testid="gallery-count">
            {t('editor:templates.count', { shown: visible.length, total: all.length })}
          </span>
          <button type="button" className="ll-btn ll-btn-small" aria-label={t('editor:templates.close')} data-testid="gallery-close" onClick={onClose}>
            ✕
          </button>
        </header>
        <div className="ll-tpl-list" id="gallery-list" role="listbox" aria-label={t('editor:templates.listAria')} ref={listRef}>
          {groups.length === 0 && <p className="ll-muted ll-empty">{t('editor:templates.noMatch', { query })}</p>}
          {groups.map((g) => (
            <section key={g.chapter.id} className="ll-tpl-chapter" data-testid={`gallery-chapter-${g.chapter.id}`}>
              <h3>{chapterTitle(g.chapter.id, lng)}</h3>
              <div className="ll-tpl-grid">
                {g.cards.map((card) => {
                  const i = index++;
                  return <Card key={card.id} card={card} index={i} active={card === current} onOpen={() => choose(card)} onHover={setActive} />;
                })}
              </div>
            </section>
          ))}
        </div>
        <footer className="ll-tpl-foot ll-muted ll-small">
          {t('editor:templates.footer')}
        </footer>
      </div>
    </div>
  );
}
