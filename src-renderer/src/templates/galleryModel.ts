// What the gallery shows for each template, grouped by the course's chapters, and the search over it.
import { CHAPTERS, formatRunTime, type ChapterId } from '../../../shared/templates/facts';
import { TEMPLATES, isViewOnly, type CourseTemplate } from '../../../shared/templates';
import { inferGraph } from '../../../shared/infer';
import { DATASETS } from '../../../shared/data/catalog';

export interface GalleryCard {
  id: string;
  name: string;
  description: string;
  chapter: ChapterId;
  /** Exact count the canvas will show. */
  params: number;
  dataset: string;
  result: string;
  /** "230 s", or null when not measured. */
  time: string | null;
  viewOnly: boolean;
  template: CourseTemplate;
  /** Lower-case text the search matches against. */
  haystack: string;
}

export function galleryCards(templates: readonly CourseTemplate[] = TEMPLATES): GalleryCard[] {
  return templates.map((t) => {
    const dataset = DATASETS.find((d) => d.id === t.graph.dataset.id)?.name ?? t.graph.dataset.id;
    const chapter = CHAPTERS.find((c) => c.id === t.chapter)!;
    const kinds = [...new Set(t.graph.nodes.map((n) => n.kind))].join(' ');
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      chapter: t.chapter,
      params: inferGraph(t.graph).totalParams,
      dataset,
      result: t.fullScale.result,
      time: t.fullScale.seconds === null ? null : formatRunTime(t.fullScale.seconds),
      viewOnly: isViewOnly(t),
      template: t,
      haystack: [t.id, t.name, t.description, chapter.title, dataset, kinds].join(' ').toLowerCase(),
    };
  });
}

/** Cards whose text holds every word of the query (any order, any case); all cards for an empty query. */
export function searchCards(cards: readonly GalleryCard[], query: string): GalleryCard[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return cards.filter((c) => words.every((w) => c.haystack.includes(w)));
}

/** The cards in chapter order (the order the gallery shows and the keyboard walks), with their chapter. */
export function byChapter(cards: readonly GalleryCard[]): { chapter: (typeof CHAPTERS)[number]; cards: GalleryCard[] }[] {
  return CHAPTERS.map((chapter) => ({ chapter, cards: cards.filter((c) => c.chapter === chapter.id) })).filter((g) => g.cards.length > 0);
}
