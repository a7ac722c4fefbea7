import { remindersOwed } from './reminder-ladder';

describe('reminders owed', () => {
  it('owes nothing while pending', () => {
    expect(remindersOwed('pending', [])).toEqual([]);
  });

  it('walks the ladder one kind at a time, each once', () => {
    expect(remindersOwed('due_soon', [])).toEqual(['review_due_soon']);
    expect(remindersOwed('due_soon', ['review_due_soon'])).toEqual([]);
    expect(remindersOwed('due', ['review_due_soon'])).toEqual(['review_due']);
    expect(remindersOwed('overdue', ['review_due_soon', 'review_due'])).toEqual(['review_overdue']);
    expect(remindersOwed('escalated', ['review_due_soon', 'review_due', 'review_overdue'])).toEqual(
      ['review_escalated'],
    );
    expect(
      remindersOwed('escalated', [
        'review_due_soon',
        'review_due',
        'review_overdue',
        'review_escalated',
      ]),
    ).toEqual([]);
  });

  it('after downtime sends where the round stands, not what it passed', () => {
    expect(remindersOwed('overdue', [])).toEqual(['review_overdue']);
    expect(remindersOwed('escalated', [])).toEqual(['review_overdue', 'review_escalated']);
  });

  it('does not go back down the ladder when a later holiday moves the due date out', () => {
    expect(remindersOwed('due_soon', ['review_overdue'])).toEqual([]);
  });
});
