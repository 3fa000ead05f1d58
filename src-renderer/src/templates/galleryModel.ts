// What the gallery shows for each template, grouped by the course's chapters, and the search over it.
import { CHAPTERS, formatRunTime, type ChapterId } from '../../../shared/templates/facts';
import { TEMPLATES, isViewOnly, type CourseTemplate } from '../../../shared/templates';
import { inferGraph } from '../../../shared/infer';
import { DATASETS } from '../../../shared/data/catalog';
import { chapterTitle, datasetText, templateResult, templateText } from '../../../shared/i18n/lessons';

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

/** The cards, their texts in `lng` (default: the current language); the search also matches the English. */
export function galleryCards(templates: readonly CourseTemplate[] = TEMPLATES, lng?: string): GalleryCard[] {
  return templates.map((t) => {
    const descriptor = DATASETS.find((d) => d.id === t.graph.dataset.id);
    const dataset = descriptor ? datasetText(descriptor, 'name', lng) : t.graph.dataset.id;
    const chapter = CHAPTERS.find((c) => c.id === t.chapter)!;
    const kinds = [...new Set(t.graph.nodes.map((n) => n.kind))].join(' ');
    const name = templateText(t, 'name', lng);
    const description = templateText(t, 'description', lng);
    return {
      id: t.id,
      name,
      description,
      chapter: t.chapter,
      params: inferGraph(t.graph).totalParams,
      dataset,
      result: templateResult(t, lng),
      time: t.fullScale.seconds === null ? null : formatRunTime(t.fullScale.seconds),
      viewOnly: isViewOnly(t),
      template: t,
      haystack: [t.id, t.name, t.description, chapter.title, name, description, chapterTitle(chapter.id, lng), dataset, descriptor?.name, kinds]
        .join(' ')
        .toLowerCase(),
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
