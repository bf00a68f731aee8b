import { describe, expect, it } from 'vitest';
import { columnOf, isForward, planColumnMove, planStatusMove } from './board-moves';

const closed = ['not_a_fit', 'declined', 'no_response'] as const;

describe('board moves', () => {
  it('forward along the path or from open to closed is a normal move', () => {
    expect(isForward('new', 'contacted')).toBe(true);
    expect(isForward('new', 'client')).toBe(true);
    expect(isForward('meeting', 'declined')).toBe(true);
    expect(isForward('meeting', 'contacted')).toBe(false);
    expect(isForward('client', 'declined')).toBe(false);
    expect(isForward('declined', 'contacted')).toBe(false);
    expect(isForward('new', 'new')).toBe(false);
  });

  it('a move to a status: forward at once, anything else a correction', () => {
    expect(planStatusMove('meeting', 'client')).toEqual({ kind: 'move', status: 'client' });
    expect(planStatusMove('client', 'meeting')).toEqual({
      kind: 'ask',
      choices: ['meeting'],
      correction: true,
    });
    expect(planStatusMove('declined', 'new')).toMatchObject({ kind: 'ask', correction: true });
    expect(planStatusMove('new', 'new')).toEqual({ kind: 'none' });
  });

  it('a drop on a column: same column does nothing; closed asks which; backwards asks why', () => {
    expect(planColumnMove('new', 'new')).toEqual({ kind: 'none' });
    expect(planColumnMove('declined', 'closed')).toEqual({ kind: 'none' });
    expect(planColumnMove('contacted', 'meeting')).toEqual({ kind: 'move', status: 'meeting' });
    expect(planColumnMove('contacted', 'closed')).toEqual({
      kind: 'ask',
      choices: closed,
      correction: false,
    });
    expect(planColumnMove('client', 'closed')).toEqual({
      kind: 'ask',
      choices: closed,
      correction: true,
    });
    expect(planColumnMove('client', 'new')).toEqual({
      kind: 'ask',
      choices: ['new'],
      correction: true,
    });
  });

  it('each status has its column', () => {
    expect(columnOf('no_response')).toBe('closed');
    expect(columnOf('client')).toBe('client');
  });
});
