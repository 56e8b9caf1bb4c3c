import type { TicketDocument } from '../../model/ticket.js';

/**
 * Words that say nothing about what broke. Kept short on purpose: the rule must be one a reader can redo by hand.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'from', 'in', 'into', 'is', 'it', 'of', 'on', 'or', 'the', 'to', 'was', 'were', 'with',
]);

/** The category of an incident for `itsm problem suggest`, and where it came from. */
export interface IncidentCategory {
  category: string;
  from: 'label' | 'title';
}

/**
 * The category of a ticket: its `metadata.labels.category` when it has one (an importer or a person set it), else
 * its normalised title (normaliseTitle). Label and title categories are never the same category, even when they read
 * the same: `from` is part of the key.
 */
export function categoryOf(ticket: TicketDocument): IncidentCategory {
  const label = ticket.metadata.labels?.['category']?.trim();
  if (label !== undefined && label !== '') return { category: label, from: 'label' };
  return { category: normaliseTitle(ticket.spec.title), from: 'title' };
}

/**
 * A title reduced to what stays the same when an incident recurs: lower case; cut into words at every character that
 * is not a letter or a digit; a word with a digit in it (a host number, an id, a date, an error code) becomes `#`,
 * and several `#` in a row one; stop words are dropped. "Disk full on db-07 (INC0012)" and "disk FULL on DB-12" are
 * both "disk full db #". A title of only stop words keeps them, so that it still has a category.
 */
export function normaliseTitle(title: string): string {
  const words = title.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
  const out: string[] = [];
  for (const word of words) {
    if (STOP_WORDS.has(word)) continue;
    const token = /\p{N}/u.test(word) ? '#' : word;
    if (token === '#' && out[out.length - 1] === '#') continue;
    out.push(token);
  }
  return out.length > 0 ? out.join(' ') : words.join(' ');
}
