// The help of one training choice or setting (formula, intuition, when to use), folded under its field:
// the summary names what is selected, opening it shows the rest. Texts come from shared/training-help.
import { useTranslation } from 'react-i18next';
import type { TopicHelp } from '../../../shared/training-help';
import './help.css';
import { topicText } from '../../../shared/i18n/lessons';
import { useLessonsLanguage } from '../lesson/useLessonsLanguage';

export function TopicHelpView({ topic: english, helpFor }: { topic: TopicHelp | undefined; helpFor: string }) {
  const { t } = useTranslation(['editor']);
  const lng = useLessonsLanguage();
  if (!english) return null;
  const topic = topicText(english, lng);
  return (
    <details className="ll-topic" data-help-for={helpFor} data-testid={`help-${helpFor}`}>
      <summary>{topic.title}</summary>
      <code className="ll-topic-formula">{topic.formula}</code>
      <p>{topic.intuition}</p>
      <p>
        <span className="ll-topic-when">{t('editor:inspector.topic.whenToUse')}</span>
        {topic.whenToUse}
      </p>
    </details>
  );
}
