import { describe, expect, it } from 'vitest';
import { lessonOf, newLesson, setLessonStepDone, withLesson } from './lesson';
import { emptyGraph } from './defaults';
import { parseGraphFile, serializeGraph } from './validate';

const template = { id: 'mlp-mnist', name: 'MLP on MNIST', explanation: 'A multilayer perceptron.', tryNext: ['Remove a layer.', 'Add Dropout.'] };

describe('lesson extras', () => {
  it('keeps the explanation and the ticks through save and reopen', () => {
    let g = withLesson(emptyGraph(), newLesson(template));
    g = setLessonStepDone(g, 1, true);
    const back = parseGraphFile(serializeGraph(g));
    expect(lessonOf(back)).toEqual({
      templateId: 'mlp-mnist',
      title: 'MLP on MNIST',
      explanation: 'A multilayer perceptron.',
      steps: [
        { text: 'Remove a layer.', done: false },
        { text: 'Add Dropout.', done: true },
      ],
    });
  });

  it('returns the same graph when a tick changes nothing or the step does not exist', () => {
    const g = withLesson(emptyGraph(), newLesson(template));
    expect(setLessonStepDone(g, 0, false)).toBe(g);
    expect(setLessonStepDone(g, 5, true)).toBe(g);
    expect(setLessonStepDone(emptyGraph(), 0, true)).toEqual(emptyGraph());
  });

  it('reads no lesson from a graph without one or with a malformed entry, and skips malformed steps', () => {
    expect(lessonOf(emptyGraph())).toBeNull();
    expect(lessonOf({ extras: { lesson: 'text' } })).toBeNull();
    expect(lessonOf({ extras: { lesson: { explanation: 'x', steps: [{ text: 'a', done: 'yes' }, 3, { done: true }] } } })).toEqual({
      templateId: '',
      title: '',
      explanation: 'x',
      steps: [{ text: 'a', done: false }],
    });
  });
});
